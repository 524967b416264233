// A real OpenID provider for tests (oidc-provider, the certified Node implementation) on
// https://127.0.0.1 with a throwaway self-signed certificate (openssl), which the reference server
// trusts through NODE_EXTRA_CA_CERTS. Its login page is replaced by `signInAs`: the person the test
// says signs in at the provider; everything else — authorization request, PKCE, code, token
// endpoint, signed ID token, JWKS — is the provider's own.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpsRequest, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Provider from 'oidc-provider';

const run = promisify(execFile);

/** Where the provider sends the browser back to: the console's address (never loaded in these tests). */
export const CONSOLE_REDIRECT = 'https://console.test.example/behandelen';
/** A second allowed address, for `redirectUri`. */
export const INTRANET_REDIRECT = 'https://intranet.voorbeeldstad.nl/meldingen/behandelen';

export interface Person {
  subject: string;
  email?: string;
  emailVerified?: boolean;
}

export interface TestOpenIdProvider {
  issuer: string;
  /** The reference server's settings for this provider. */
  serverEnv(extra?: Record<string, string>): Record<string, string>;
  /** Who signs in at the provider from now on (as if they typed their credentials there). */
  signInAs(person: Person): void;
  /**
   * Opens the authorization address as a browser would (cookies, redirects) and answers the address
   * the provider finally sends the browser back to, with `code` and `state` in its query.
   */
  visit(authorizationUrl: string): Promise<URL>;
  /** Requests the provider answered, by path (to prove the server talked to it). */
  requests: string[];
  stop(): Promise<void>;
}

async function selfSignedCertificate(dir: string): Promise<{ key: string; cert: string; certFile: string }> {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8'), certFile };
}

export interface OpenIdProviderOptions {
  /** Where the provider may send the browser back to (the server is configured with the same); CONSOLE_REDIRECT and INTRANET_REDIRECT by default. */
  redirectUris?: string[];
}

export async function startOpenIdProvider({ redirectUris = [CONSOLE_REDIRECT, INTRANET_REDIRECT] }: OpenIdProviderOptions = {}): Promise<TestOpenIdProvider> {
  const dir = await mkdtemp(join(tmpdir(), 'weerbaar-oidc-'));
  const { key, cert, certFile } = await selfSignedCertificate(dir);
  const clientId = 'weerbaar-test';
  const clientSecret = randomBytes(24).toString('base64url');
  let person: Person | undefined;
  const requests: string[] = [];

  let handle: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void = () => {};
  const server: Server = createServer({ key, cert }, (req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] as never },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          const who = person?.subject === id ? person : undefined;
          return { sub: id, ...(who?.email ? { email: who.email, email_verified: who.emailVerified ?? true } : {}) };
        },
      };
    },
  });
  const providerCallback = provider.callback();

  handle = async (req, res) => {
    requests.push(new URL(req.url ?? '/', issuer).pathname);
    if (!req.url?.startsWith('/interaction/')) return providerCallback(req, res);
    try {
      // The provider's login and consent, decided by the test: `signInAs` is who logs in.
      const details = await provider.interactionDetails(req, res);
      assert.ok(person, 'signInAs() before the browser visits the provider');
      const grant = new provider.Grant({ accountId: person.subject, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: person.subject }, consent: { grantId } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  };

  /** One request the way a browser sends it, with the cookies it got. */
  function get(url: URL, cookies: Map<string, string>): Promise<{ status: number; location?: string }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { ca: cert, headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') } }, (res) => {
        for (const header of res.headers['set-cookie'] ?? []) {
          const [pair] = header.split(';');
          const at = pair!.indexOf('=');
          cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
        }
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  return {
    issuer,
    requests,
    serverEnv: (extra = {}) => ({
      NODE_EXTRA_CA_CERTS: certFile,
      WEERBAAR_OIDC_ISSUER: issuer,
      WEERBAAR_OIDC_CLIENT_ID: clientId,
      WEERBAAR_OIDC_CLIENT_SECRET: clientSecret,
      WEERBAAR_OIDC_DISPLAY_NAME: 'Voorbeeldstad-account',
      WEERBAAR_OIDC_REDIRECT_URIS: redirectUris.join(','),
      ...extra,
    }),
    signInAs(who) {
      person = who;
    },
    async visit(authorizationUrl) {
      const cookies = new Map<string, string>();
      let url = new URL(authorizationUrl);
      for (let hop = 0; hop < 10; hop++) {
        if (url.origin !== issuer) return url;
        const answer = await get(url, cookies);
        assert.ok(answer.location, `the provider answered ${answer.status} at ${url.pathname} without sending the browser on`);
        url = new URL(answer.location, url);
      }
      throw new Error('the provider redirected more than 10 times');
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
