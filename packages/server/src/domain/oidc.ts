// Sign-in through the organisation's OpenID provider (contract 1.1, startOidcSignIn and
// finishOidcSignIn): this server is a confidential client using the authorization code flow with
// PKCE (S256), `state` and `nonce` (openid-client). The state, nonce and code verifier are kept as
// a single-use sign-in ceremony for 10 minutes; the ID token is checked (issuer, audience, expiry,
// signature, nonce) and its subject — or the configured claim — names an account an admin created.
// Nothing the provider returns (code, tokens, claims) is stored or logged.
import * as openid from 'openid-client';
import type { OidcConfig } from '../config.js';
import type { ServerContext } from '../context.js';
import { ProblemError } from '../http/problems.js';
import { HOSTED_CONSOLE_PAGES } from './hosted-console.js';
import { consoleUrl } from './invitations.js';

/** How long a started sign-in may take at the provider (the contract's "at most 10 minutes"). */
export const OIDC_STATE_SECONDS = 600;
/** Seconds the provider gets to answer one request of ours. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** Why a finished sign-in is refused; the answer is the same 401 whatever it was. */
export class OidcRefusal extends Error {}

/** The provider's name for the sign-in button: configured, or the issuer's host name. */
export function oidcDisplayName(oidc: OidcConfig): string {
  return oidc.displayName ?? new URL(oidc.issuer).hostname;
}

/**
 * The addresses the provider may send the browser back to (the first is the default). Unless they
 * are configured: the console, and when that is this server's own, each of its languages' pages.
 */
export function redirectUris(context: ServerContext, oidc: OidcConfig): string[] {
  if (oidc.redirectUris.length > 0) return oidc.redirectUris;
  const address = consoleUrl(context);
  if (context.config.caseManagement.consoleUrl) return [address];
  return [address, ...HOSTED_CONSOLE_PAGES.slice(1).map((page) => `${context.publicUrl()}${page.path}`)];
}

function scopeOf(oidc: OidcConfig): string {
  return oidc.scope ?? (oidc.claim === 'email' ? 'openid email' : 'openid');
}

/** A provider that did not answer (network, timeout): 503, not the person's fault. */
function unreachable(error: unknown): boolean {
  const causes = [error, (error as { cause?: unknown } | undefined)?.cause];
  return causes.some((cause) => cause instanceof TypeError || (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')));
}

/** The provider's metadata, read once per process (again after a failure). */
export class OidcClient {
  private configuration?: Promise<openid.Configuration>;

  constructor(private readonly oidc: OidcConfig) {}

  private async discovered(): Promise<openid.Configuration> {
    this.configuration ??= openid
      .discovery(new URL(this.oidc.issuer), this.oidc.clientId, undefined, openid.ClientSecretBasic(this.oidc.clientSecret), { timeout: PROVIDER_TIMEOUT_SECONDS })
      .then((configuration) => {
        configuration.timeout = PROVIDER_TIMEOUT_SECONDS;
        return configuration;
      });
    try {
      return await this.configuration;
    } catch {
      this.configuration = undefined;
      throw new ProblemError('unavailable');
    }
  }

  /** A new authorization request: the address to send the browser to, and what to keep until it returns. */
  async start(redirectUri: string): Promise<{ authorizationUrl: string; state: string; nonce: string; codeVerifier: string }> {
    const configuration = await this.discovered();
    const codeVerifier = openid.randomPKCECodeVerifier();
    const state = openid.randomState();
    const nonce = openid.randomNonce();
    const url = openid.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: scopeOf(this.oidc),
      response_type: 'code',
      code_challenge: await openid.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { authorizationUrl: url.href, state, nonce, codeVerifier };
  }

  /**
   * Exchanges the code with the kept verifier, checks the ID token, and answers the value of the
   * claim that names the person. OidcRefusal when the provider refuses or the token does not hold.
   */
  async finish(callback: { code: string; state: string }, kept: { nonce: string; codeVerifier: string; redirectUri: string }): Promise<string> {
    const configuration = await this.discovered();
    // The callback the browser got, rebuilt from what the console posted. With one provider a
    // mix-up is impossible, so its RFC 9207 `iss` (which the console does not pass on) is its issuer.
    const callbackUrl = new URL(kept.redirectUri);
    callbackUrl.search = '';
    callbackUrl.hash = '';
    callbackUrl.searchParams.set('code', callback.code);
    callbackUrl.searchParams.set('state', callback.state);
    if (configuration.serverMetadata().authorization_response_iss_parameter_supported) {
      callbackUrl.searchParams.set('iss', configuration.serverMetadata().issuer);
    }
    let claims: Record<string, unknown>;
    try {
      const tokens = await openid.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: kept.codeVerifier,
        expectedState: callback.state,
        expectedNonce: kept.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new OidcRefusal('no-id-token');
      claims = idToken;
      // Providers may keep claims other than `sub` (such as `email`) out of the ID token and give them
      // at the userinfo endpoint, for the same subject only.
      if (claims[this.oidc.claim] === undefined && configuration.serverMetadata().userinfo_endpoint) {
        claims = { ...(await openid.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
      }
    } catch (error) {
      if (error instanceof OidcRefusal) throw error;
      if (unreachable(error)) throw new ProblemError('unavailable');
      throw new OidcRefusal('code-refused');
    }
    const value = claims[this.oidc.claim];
    if (typeof value !== 'string' || value.length === 0 || value.length > 255) throw new OidcRefusal('no-claim');
    // An address the provider has not verified could be anyone's.
    if (this.oidc.claim === 'email' && claims.email_verified !== true) throw new OidcRefusal('email-not-verified');
    return value;
  }
}
