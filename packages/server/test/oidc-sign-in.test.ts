// People sign in through the organisation's OpenID provider: a REAL provider (oidc-provider over
// https) started here, the authorization code flow with PKCE, state and nonce, the person matched
// to an account an admin invited (never created by signing in), the same access token as a passkey
// sign-in, every failure the same 401 without anything secret in the log.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertSameDatabase, COUNTERS_AND_AUDIT_TABLES, snapshotDatabase } from './helpers/database-snapshot.js';
import { CONSOLE_REDIRECT, INTRANET_REDIRECT, startOpenIdProvider, type TestOpenIdProvider } from './helpers/openid-provider.js';
import { inviteWithCli, runCli } from './helpers/people.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import type { ContractClient } from './helpers/contract-client.js';

/** The console's part: start, let the browser visit the provider, take `code` and `state` from the address it returns to. */
async function throughProvider(api: ContractClient, provider: TestOpenIdProvider, start: { redirectUri?: string } = {}) {
  const started = await api.call('startOidcSignIn', { json: start });
  assert.equal(started.status, 201, JSON.stringify(started.body));
  const back = await provider.visit(started.body.authorizationUrl);
  const code = back.searchParams.get('code');
  const state = back.searchParams.get('state');
  assert.ok(code && state, `the provider sent the browser back without a code: ${back.href}`);
  return { started, back, callback: { code, state } };
}

describe('sign-in through the organisation’s OpenID provider', () => {
  let provider: TestOpenIdProvider;
  let t: TestServer;

  before(async () => {
    provider = await startOpenIdProvider();
    t = await startTestServer({ env: provider.serverEnv() });
  });
  after(async () => {
    await t?.server.stop();
    await provider?.stop();
  });

  it('advertises the provider beside passkeys, by its issuer and the name people know it by', async () => {
    const { signIn } = (await t.api.call('getDiscovery')).body.capabilities.caseManagement;
    assert.ok(signIn.passkey, 'passkeys stay offered');
    assert.deepEqual(signIn.oidc, { issuer: provider.issuer, displayName: 'Voorbeeldstad-account' });
  });

  it('answers the provider’s authorization address: code flow, S256 code challenge, state, nonce, the console as redirect, no secret', async () => {
    const started = await t.api.call('startOidcSignIn', { json: {} });
    assert.equal(started.status, 201);
    assert.equal(started.headers.get('cache-control'), 'no-store');
    const url = new URL(started.body.authorizationUrl);
    assert.equal(url.origin, provider.issuer);
    const query = Object.fromEntries(url.searchParams);
    assert.equal(query.response_type, 'code');
    assert.equal(query.client_id, 'weerbaar-test');
    assert.equal(query.scope, 'openid');
    assert.equal(query.redirect_uri, CONSOLE_REDIRECT);
    assert.equal(query.code_challenge_method, 'S256');
    assert.match(query.code_challenge ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.ok((query.state ?? '').length >= 22 && (query.nonce ?? '').length >= 22, 'state and nonce carry enough randomness');
    assert.notEqual(query.state, query.nonce);
    assert.deepEqual(Object.keys(query).filter((name) => /secret|verifier|password/i.test(name)), []);
    const validFor = Date.parse(started.body.expiresAt) - Date.now();
    assert.ok(validFor > 8 * 60_000 && validFor <= 10 * 60_000 + 5_000, `the state is kept at most 10 minutes (${validFor} ms)`);
  });

  it('sends the browser back only to an address it is configured with (400 otherwise)', async () => {
    const elsewhere = await t.api.call('startOidcSignIn', { json: { redirectUri: 'https://elders.example/behandelen' } });
    assert.equal(elsewhere.status, 400);
    assert.deepEqual(elsewhere.body.errors.map((error: { pointer: string; code: string }) => [error.pointer, error.code]), [['/redirectUri', 'unknown-redirect-uri']]);
    const intranet = await t.api.call('startOidcSignIn', { json: { redirectUri: INTRANET_REDIRECT } });
    assert.equal(intranet.status, 201);
    assert.equal(new URL(intranet.body.authorizationUrl).searchParams.get('redirect_uri'), INTRANET_REDIRECT);
  });

  let token: string;
  let signedIn: { code: string; state: string };

  it('signs in the person an admin invited for their subject, with the same kind of access token as a passkey sign-in', async () => {
    const invited = await inviteWithCli(t.server, 'R. de Boer', ['handler'], [], ['--oidc-subject', 'vb-248289761001']);
    assert.match(invited.stdout, /can sign in through Voorbeeldstad-account now/);
    provider.signInAs({ subject: 'vb-248289761001' });
    const { started, back, callback } = await throughProvider(t.api, provider);
    assert.equal(`${back.origin}${back.pathname}`, CONSOLE_REDIRECT, 'back at the console');
    assert.equal(callback.state, new URL(started.body.authorizationUrl).searchParams.get('state'));
    const finished = await t.api.call('finishOidcSignIn', { json: callback });
    assert.equal(finished.status, 201, JSON.stringify(finished.body));
    assert.equal(finished.headers.get('cache-control'), 'no-store');
    token = finished.body.token;
    signedIn = callback;
    assert.match(token, /^wba_/);
    assert.equal(finished.body.me.account.accountId, invited.accountId);
    assert.equal(finished.body.me.session.method, 'oidc');
    const me = await t.api.call('getMe', { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.account.displayName, 'R. de Boer');
    assert.equal((await t.api.call('listCases', { token })).status, 200, 'a handler works cases with it');
    assert.ok(provider.requests.includes('/token'), 'the code was exchanged at the provider’s token endpoint');
  });

  it('uses a state once: the same code and state again are refused (401)', async () => {
    const again = await t.api.call('finishOidcSignIn', { json: signedIn });
    assert.equal(again.status, 401);
    assert.equal((await t.api.call('getMe', { token })).status, 200, 'the first session stays');
  });

  it('refuses a person the provider knows but nobody invited — 401, and no account is created', async () => {
    const before = await snapshotDatabase(t.server, COUNTERS_AND_AUDIT_TABLES);
    provider.signInAs({ subject: 'vb-not-invited' });
    const { callback } = await throughProvider(t.api, provider);
    const refused = await t.api.call('finishOidcSignIn', { json: callback });
    assert.equal(refused.status, 401);
    assertSameDatabase(await snapshotDatabase(t.server, COUNTERS_AND_AUDIT_TABLES), before, 'a refused sign-in');
  });

  it('answers an unknown state, a code the provider never issued and a state from another sign-in with the same 401', async () => {
    provider.signInAs({ subject: 'vb-248289761001' });
    const unknownState = await t.api.call('finishOidcSignIn', { json: { code: 'SplxlOBeZQQYbYS6WxSbIA', state: 'af0ifjsldkj-Qx7Lm2Np' } });
    const started = await t.api.call('startOidcSignIn', { json: {} });
    const state = new URL(started.body.authorizationUrl).searchParams.get('state')!;
    const madeUpCode = await t.api.call('finishOidcSignIn', { json: { code: 'not-a-code-the-provider-issued', state } });
    const first = await throughProvider(t.api, provider);
    const second = await throughProvider(t.api, provider);
    const crossed = await t.api.call('finishOidcSignIn', { json: { code: first.callback.code, state: second.callback.state } });
    for (const answer of [unknownState, madeUpCode, crossed]) {
      assert.equal(answer.status, 401);
      assert.equal(answer.body.detail, unknownState.body.detail, 'the same problem whatever was wrong');
    }
  });

  it('logs failed sign-ins with a reason, and never a code, state verifier or token', async () => {
    const output = t.server.output();
    assert.match(output, /"reason":"no-account"/);
    assert.match(output, /"reason":"unknown-state"/);
    assert.match(output, /"reason":"code-refused"/);
    assert.ok(!output.includes(signedIn.code), 'no authorization code');
    assert.ok(!output.includes(token), 'no access token');
    assert.doesNotMatch(output, /eyJ[A-Za-z0-9_-]{10,}\./, 'no ID token');
  });

  it('answers 503 when the provider cannot be reached, and the state is used up', async () => {
    provider.signInAs({ subject: 'vb-248289761001' });
    const { callback } = await throughProvider(t.api, provider);
    await provider.stop();
    const unreachable = await t.api.call('finishOidcSignIn', { json: callback });
    assert.equal(unreachable.status, 503);
    assert.equal((await t.api.call('finishOidcSignIn', { json: callback })).status, 401);
  });
});

describe('sign-in through the OpenID provider by verified e-mail address', () => {
  let provider: TestOpenIdProvider;
  let t: TestServer;

  before(async () => {
    provider = await startOpenIdProvider();
    t = await startTestServer({ env: provider.serverEnv({ WEERBAAR_OIDC_CLAIM: 'email', WEERBAAR_PASSKEYS: 'false' }) });
  });
  after(async () => {
    await t?.server.stop();
    await provider?.stop();
  });

  it('offers only the provider when passkeys are off: the passkey operations answer 404', async () => {
    const { signIn } = (await t.api.call('getDiscovery')).body.capabilities.caseManagement;
    assert.deepEqual(Object.keys(signIn), ['oidc']);
    assert.equal((await t.api.call('startPasskeySignIn')).status, 404);
  });

  it('asks for the e-mail scope and matches the verified address to the invited account, without an invitation code', async () => {
    const printed = await runCli(t.server, ['handler', 'invite', '--name', 'Ö. Çelik', '--role', 'handler', '--email', 'o.celik@voorbeeldstad.nl']);
    assert.match(printed, /can sign in through Voorbeeldstad-account now/);
    assert.doesNotMatch(printed, /uitnodiging|Invitation code/, 'without passkeys there is nothing to enrol');
    provider.signInAs({ subject: 'entra-77', email: 'O.Celik@voorbeeldstad.nl', emailVerified: true });
    const { started, callback } = await throughProvider(t.api, provider);
    assert.equal(new URL(started.body.authorizationUrl).searchParams.get('scope'), 'openid email');
    const finished = await t.api.call('finishOidcSignIn', { json: callback });
    assert.equal(finished.status, 201, JSON.stringify(finished.body));
    assert.equal(finished.body.me.account.displayName, 'Ö. Çelik');
  });

  it('refuses an address the provider has not verified (401)', async () => {
    provider.signInAs({ subject: 'entra-77', email: 'o.celik@voorbeeldstad.nl', emailVerified: false });
    const { callback } = await throughProvider(t.api, provider);
    assert.equal((await t.api.call('finishOidcSignIn', { json: callback })).status, 401);
    // The server logs the refusal once it has answered: the line reaches the test's pipe a moment later.
    const logged = /"reason":"email-not-verified"/;
    for (const until = Date.now() + 10_000; !logged.test(t.server.output()) && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(t.server.output(), logged);
  });
});

describe('sign-in through the OpenID provider, with no redirect addresses configured', () => {
  const publicUrl = 'https://meld.voorbeeldstad.nl';
  let provider: TestOpenIdProvider;
  let t: TestServer;

  before(async () => {
    provider = await startOpenIdProvider({ redirectUris: [`${publicUrl}/behandelen`, `${publicUrl}/en/handle`] });
    t = await startTestServer({ env: provider.serverEnv({ WEERBAAR_OIDC_REDIRECT_URIS: '', WEERBAAR_PUBLIC_URL: publicUrl }) });
  });
  after(async () => {
    await t?.server.stop();
    await provider?.stop();
  });

  it('sends people back to the Dutch console by default and to the English page when it asks (the hosted pages), nowhere else', async () => {
    const dutch = await t.api.call('startOidcSignIn', { json: {} });
    assert.equal(dutch.status, 201, JSON.stringify(dutch.body));
    assert.equal(new URL(dutch.body.authorizationUrl).searchParams.get('redirect_uri'), `${publicUrl}/behandelen`);
    provider.signInAs({ subject: 'entra-english' });
    const { back } = await throughProvider(t.api, provider, { redirectUri: `${publicUrl}/en/handle` });
    assert.equal(`${back.origin}${back.pathname}`, `${publicUrl}/en/handle`);
    const elsewhere = await t.api.call('startOidcSignIn', { json: { redirectUri: `${publicUrl}/en/elsewhere` } });
    assert.equal(elsewhere.status, 400);
  });
});
