// Signing a person in: passkeys (WebAuthn) and the organisation's OpenID provider. Part of the
// handler entry point (re-exported there), apart from the case operations it opens the way to.
import { createTransport, json, type TransportOptions } from './transport.js';
import type { AccessGrant, AuthenticationCredential, EnrolmentChallenge, OidcAuthorization, OidcCallback, PasskeyChallenge, RegistrationCredential } from './types.js';

/**
 * What runs the passkey ceremonies: the browser's `navigator.credentials` by default. Both
 * functions take the backend's options in the WebAuthn JSON encoding and answer the credential's
 * `toJSON()`.
 */
export interface PasskeyAuthenticator {
  create(options: EnrolmentChallenge['publicKey']): Promise<RegistrationCredential>;
  get(options: PasskeyChallenge['publicKey']): Promise<AuthenticationCredential>;
}

interface BrowserCredential {
  toJSON(): unknown;
  getClientExtensionResults?(): { prf?: { results?: { first?: ArrayBuffer } } };
}
interface BrowserWebAuthn {
  navigator?: { credentials?: { create(options: unknown): Promise<unknown>; get(options: unknown): Promise<unknown> } };
  PublicKeyCredential?: { parseCreationOptionsFromJSON(json: unknown): unknown; parseRequestOptionsFromJSON(json: unknown): unknown };
}

export interface BrowserAuthenticatorOptions {
  /**
   * Receives the passkey's PRF output when the backend asked for the `prf` extension (wrapped keys):
   * the secret a console unwraps the organisation's key with. It never leaves the browser: it is
   * taken out of the credential before the credential is sent.
   */
  onPrfOutput?: (output: ArrayBuffer) => void;
}

/**
 * The credential as sent to the backend: without the PRF extension's results, which the backend
 * refuses (they are for the browser alone); whether PRF is `enabled` stays.
 */
function withoutPrfResults(credential: BrowserCredential): unknown {
  const json = credential.toJSON() as { clientExtensionResults?: { prf?: Record<string, unknown> } };
  const prf = json.clientExtensionResults?.prf;
  if (!prf || !('results' in prf)) return json;
  const { results: _results, ...kept } = prf;
  return { ...json, clientExtensionResults: { ...json.clientExtensionResults, prf: kept } };
}

/** The browser's WebAuthn (WebAuthn Level 3 JSON helpers: current Chromium, Firefox and Safari). */
export function browserAuthenticator({ onPrfOutput }: BrowserAuthenticatorOptions = {}): PasskeyAuthenticator {
  const web = globalThis as BrowserWebAuthn;
  const credentials = web.navigator?.credentials;
  const parse = web.PublicKeyCredential;
  if (!credentials || !parse) throw new Error('This browser cannot use passkeys (no WebAuthn).');
  const keepPrfOutput = (credential: BrowserCredential) => {
    const output = credential.getClientExtensionResults?.().prf?.results?.first;
    if (output && onPrfOutput) onPrfOutput(output);
  };
  return {
    async create(options) {
      const credential = (await credentials.create({ publicKey: parse.parseCreationOptionsFromJSON(options) })) as BrowserCredential;
      keepPrfOutput(credential);
      return withoutPrfResults(credential) as RegistrationCredential;
    },
    async get(options) {
      const credential = (await credentials.get({ publicKey: parse.parseRequestOptionsFromJSON(options) })) as BrowserCredential;
      keepPrfOutput(credential);
      return withoutPrfResults(credential) as AuthenticationCredential;
    },
  };
}

export interface SignInOptions extends TransportOptions, BrowserAuthenticatorOptions {
  /** Runs the ceremony; the browser's passkeys by default (`onPrfOutput` applies to those). */
  authenticator?: PasskeyAuthenticator;
}

/**
 * Signs a person in with a passkey: asks the backend for a challenge, lets the person pick their
 * passkey, and answers the access token and who signed in. Keep the token in memory only.
 */
export async function signInWithPasskey({ authenticator, onPrfOutput, ...transportOptions }: SignInOptions): Promise<AccessGrant> {
  const send = createTransport(transportOptions);
  const challenge = await json<PasskeyChallenge>(send('sign-in/passkey/challenges', { method: 'post' }));
  const credential = await (authenticator ?? browserAuthenticator({ onPrfOutput })).get(challenge.publicKey);
  return json(send('sign-in/passkey', { method: 'post', json: { challengeId: challenge.challengeId, credential } }));
}

/**
 * Enrols a passkey with a one-time invitation code (from the fragment of the enrolment address, or
 * typed) and signs the person in. The code is sent in a body, never in a URL.
 */
export async function enrolPasskey(
  invitationCode: string,
  { authenticator, passkeyName, onPrfOutput, ...transportOptions }: SignInOptions & { passkeyName?: string },
): Promise<AccessGrant> {
  const send = createTransport(transportOptions);
  const enrolment = await json<EnrolmentChallenge>(send('enrolments/challenges', { method: 'post', json: { invitationCode }, secrets: [invitationCode] }));
  const credential = await (authenticator ?? browserAuthenticator({ onPrfOutput })).create(enrolment.publicKey);
  return json(send('enrolments', { method: 'post', json: { enrolmentId: enrolment.enrolmentId, credential, ...(passkeyName ? { passkeyName } : {}) } }));
}

/**
 * Starts signing in through the organisation's OpenID provider (discovery
 * `caseManagement.signIn.oidc`): answers the provider's address to send the browser to
 * (`location.assign(authorizationUrl)`). The provider sends the browser back to `redirectUri` (one
 * the backend is configured with; the console's address by default) with `code` and `state`.
 */
export async function startOidcSignIn({ redirectUri, ...transportOptions }: TransportOptions & { redirectUri?: string }): Promise<OidcAuthorization> {
  const send = createTransport(transportOptions);
  return json(send('sign-in/oidc/authorizations', { method: 'post', json: redirectUri ? { redirectUri } : {} }));
}

/**
 * The `code` and `state` the provider put in the address it sent the browser back to, or undefined
 * when there are none. Remove them from the address bar at once (`history.replaceState`), then
 * call `finishOidcSignIn`.
 */
export function oidcCallbackFrom(address: string | URL): OidcCallback | undefined {
  const query = new URL(address).searchParams;
  const code = query.get('code');
  const state = query.get('state');
  return code && state ? { code, state } : undefined;
}

/**
 * Finishes signing in through the OpenID provider: sends `code` and `state` in a body (never a URL)
 * and answers the access token and who signed in, as `signInWithPasskey` does. Keep the token in
 * memory only.
 */
export async function finishOidcSignIn(callback: OidcCallback, transportOptions: TransportOptions): Promise<AccessGrant> {
  const send = createTransport(transportOptions);
  return json(send('sign-in/oidc', { method: 'post', json: { code: callback.code, state: callback.state }, secrets: [callback.code] }));
}
