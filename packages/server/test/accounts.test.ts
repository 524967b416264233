// People sign in: invited with the CLI, enrolled with a real passkey (Chromium's virtual
// authenticator), signed in and out, access tokens that expire when idle, failed sign-ins limited
// atomically and logged without secrets, and access tokens on the case operations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtures } from '@weerbaar/spec';
import { MINIMAL_REPORT, spec, type CallOptions } from './helpers/contract-client.js';
import { assertSameDatabase, snapshotDatabase } from './helpers/database-snapshot.js';
import { PasskeyDevice } from './helpers/passkey-device.js';
import { enrol, inviteWithCli, localOrigin, signIn, writeDatabase } from './helpers/people.js';
import { newestCaseId, openSession, startTestServer, submitReport, type TestServer } from './helpers/server.js';

describe('accounts and passkey sign-in', () => {
  let t: TestServer;
  let device: PasskeyDevice;

  before(async () => {
    t = await startTestServer({ env: { WEERBAAR_SIGN_IN_MAX_FAILURES_PER_CLIENT: '6' } });
    device = await PasskeyDevice.open(localOrigin(t.server));
  });
  after(async () => {
    await device?.close();
    await t?.server.stop();
  });

  it('advertises passkey sign-in with the relying party id, the idle timeout and the longest session', async () => {
    const discovery = await t.api.call('getDiscovery');
    const { signIn, idleTimeoutSeconds, maxSessionSeconds, wrappedKeys } = discovery.body.capabilities.caseManagement;
    assert.deepEqual({ signIn, idleTimeoutSeconds, maxSessionSeconds, wrappedKeys }, {
      signIn: { passkey: { rpId: 'localhost' } },
      idleTimeoutSeconds: 900,
      maxSessionSeconds: 36000,
      wrappedKeys: {},
    });
  });

  let token: string;
  let invitation: Awaited<ReturnType<typeof inviteWithCli>>;

  it('invites with the CLI: a single-use address valid 24 hours, the code only in its fragment', async () => {
    invitation = await inviteWithCli(t.server, 'Ö. Çelik', ['handler']);
    assert.match(invitation.url, /^http:\/\/localhost:\d+\/behandelen#uitnodiging=[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    const validUntil = Date.parse(/until (\S+)\./.exec(invitation.stdout)![1]!);
    assert.ok(Math.abs(validUntil - Date.now() - 24 * 3600_000) < 60_000, 'valid for 24 hours');
  });

  it('enrols a passkey with the code (typed in lower case with spaces) and signs the person in', async () => {
    token = await enrol(t.api, device, invitation.code.toLowerCase().replace(/-/g, ' '));
    assert.match(token, /^wba_/);
    const me = await t.api.call('getMe', { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.account.displayName, 'Ö. Çelik');
    assert.deepEqual(me.body.account.roles, ['handler']);
    assert.deepEqual(me.body.account.groups, ['integrity-officers']);
    assert.equal(me.body.account.passkeys.length, 1);
    assert.equal(me.body.account.passkeys[0].name, 'Testlaptop');
    assert.equal(me.body.account.invitationPending, false);
    assert.equal(me.body.session.method, 'passkey');
    assert.equal(me.body.session.passkeyId, me.body.account.passkeys[0].passkeyId);
    assert.equal((await device.credentials()).length, 1, 'the authenticator holds the new passkey');
  });

  it('refuses the used invitation code, like an unknown one (the same 401)', async () => {
    const used = await t.api.call('startEnrolment', { json: { invitationCode: invitation.code } });
    const unknown = await t.api.call('startEnrolment', { json: { invitationCode: '0000-0000-0000-0000-0000' } });
    assert.equal(used.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(used.body.detail, unknown.body.detail);
  });

  it('signs in with the passkey; a challenge works once', async () => {
    const challenge = await t.api.call('startPasskeySignIn');
    assert.equal(challenge.status, 201);
    assert.equal(challenge.body.publicKey.userVerification, 'required');
    assert.deepEqual(challenge.body.publicKey.allowCredentials, [], 'the options name no account');
    const credential = await device.get(challenge.body.publicKey);
    const first = await t.api.call('finishPasskeySignIn', { json: { challengeId: challenge.body.challengeId, credential } });
    assert.equal(first.status, 201);
    assert.notEqual(first.body.token, token, 'a new session, a new token');
    const replayed = await t.api.call('finishPasskeySignIn', { json: { challengeId: challenge.body.challengeId, credential } });
    assert.equal(replayed.status, 401);
  });

  it('refuses an assertion signed for another challenge', async () => {
    const first = await t.api.call('startPasskeySignIn');
    const second = await t.api.call('startPasskeySignIn');
    const credential = await device.get(first.body.publicKey);
    const swapped = await t.api.call('finishPasskeySignIn', { json: { challengeId: second.body.challengeId, credential } });
    assert.equal(swapped.status, 401);
  });

  it('refuses a credential that carries the PRF output (400), which must stay in the browser', async () => {
    const challenge = await t.api.call('startPasskeySignIn');
    const credential = await device.get(challenge.body.publicKey);
    credential.clientExtensionResults = { prf: { enabled: true, results: { first: 'c2VjcmV0LXByZi1vdXRwdXQ' } } };
    const refused = await t.api.call('finishPasskeySignIn', { json: { challengeId: challenge.body.challengeId, credential } });
    assert.equal(refused.status, 400);
    assert.ok(refused.body.errors.some((error: { pointer: string }) => error.pointer.startsWith('/credential/clientExtensionResults/prf')));
  });

  it('works the cases of the person’s group with the access token, and only those', async () => {
    const handlerToken = t.server.handlerToken!;
    await submitReport(t.api, MINIMAL_REPORT);
    const ownCase = await newestCaseId(t.api, handlerToken);
    await submitReport(t.api, { ...MINIMAL_REPORT, role: 'council-member' });
    const griffieCase = await newestCaseId(t.api, handlerToken);
    const listed = await t.api.call('listCases', { token });
    assert.equal(listed.status, 200);
    const ids = listed.body.items.map((item: { caseId: string }) => item.caseId);
    assert.ok(ids.includes(ownCase), 'a civil servant’s report goes to the integrity officers');
    assert.ok(!ids.includes(griffieCase), 'a council member’s report goes to the griffie');
    assert.equal(listed.body.totalItems, ids.length);
    assert.equal((await t.api.call('getCase', { token, path: { caseId: ownCase } })).status, 200);
    assert.equal((await t.api.call('getCase', { token, path: { caseId: griffieCase } })).status, 403);
    assert.equal((await t.api.call('acknowledgeCase', { token, path: { caseId: griffieCase }, json: {} })).status, 403);
    assert.equal((await t.api.call('acknowledgeCase', { token, path: { caseId: ownCase }, json: {} })).status, 200);
    assert.equal((await t.api.call('getCase', { token: handlerToken, path: { caseId: griffieCase } })).status, 200, 'a handler token sees every case');
  });

  it('gives an auditor no case content (403) and no case list', async () => {
    const auditor = await inviteWithCli(t.server, 'R. de Boer', ['auditor']);
    const auditorDevice = await PasskeyDevice.open(localOrigin(t.server));
    try {
      const auditorToken = await enrol(t.api, auditorDevice, auditor.code);
      const caseId = await newestCaseId(t.api, t.server.handlerToken!);
      assert.equal((await t.api.call('listCases', { token: auditorToken })).status, 403);
      assert.equal((await t.api.call('getCase', { token: auditorToken, path: { caseId } })).status, 403);
    } finally {
      await auditorDevice.close();
    }
  });

  it('keeps a wrapped key per passkey for its own person only, and asks for the PRF extension', async () => {
    const challenge = await t.api.call('startPasskeySignIn');
    assert.deepEqual(challenge.body.publicKey.extensions, { prf: { eval: { first: Buffer.from('weerbaar/v1 key wrapping').toString('base64url') } } });
    const passkeyId = (await t.api.call('getMe', { token })).body.account.passkeys[0].passkeyId as string;
    const wrapped = { keyId: '2026-11-key-1', algorithm: 'weerbaar-prf-hkdf-sha256-aes-kw', wrappedKey: 'q7XbS9nV2cL5mK8pR1tW4yZ6aD3fG0hJ2kL4mN6oP8qR0sT2uV4wX6y' };
    assert.equal((await t.api.call('getWrappedKey', { token, path: { passkeyId } })).status, 404, 'none stored yet');
    const stored = await t.api.call('storeWrappedKey', { token, path: { passkeyId }, json: wrapped });
    assert.equal(stored.status, 200);
    assert.deepEqual((await t.api.call('getWrappedKey', { token, path: { passkeyId } })).body, stored.body);
    assert.equal((await t.api.call('getMe', { token })).body.account.passkeys[0].hasWrappedKey, true);
    // Another person can neither read nor overwrite it, nor store one for a passkey that is not theirs.
    const other = await inviteWithCli(t.server, 'P. Bakker', ['handler']);
    const otherDevice = await PasskeyDevice.open(localOrigin(t.server));
    try {
      const otherToken = await enrol(t.api, otherDevice, other.code);
      assert.equal((await t.api.call('getWrappedKey', { token: otherToken, path: { passkeyId } })).status, 404);
      assert.equal((await t.api.call('storeWrappedKey', { token: otherToken, path: { passkeyId }, json: wrapped })).status, 404);
      assert.equal((await t.api.call('deleteWrappedKey', { token: otherToken, path: { passkeyId } })).status, 404);
    } finally {
      await otherDevice.close();
    }
    assert.deepEqual((await t.api.call('getWrappedKey', { token, path: { passkeyId } })).body, stored.body, 'unchanged');
    assert.equal((await t.api.call('deleteWrappedKey', { token, path: { passkeyId } })).status, 204);
    assert.equal((await t.api.call('getWrappedKey', { token, path: { passkeyId } })).status, 404);
  });

  it('signs out at once: the token no longer works', async () => {
    const session = await signIn(t.api, device);
    const signedOut = await t.api.call('signOut', { token: session.body.token });
    assert.equal(signedOut.status, 204);
    assert.equal((await t.api.call('getMe', { token: session.body.token })).status, 401);
    assert.equal((await t.api.call('listCases', { token: session.body.token })).status, 401);
    assert.equal((await t.api.call('getMe', { token })).status, 200, 'other sessions stay');
  });

  it('ends a session idle past its deadline, and keeps it while it is used', async () => {
    const session = await signIn(t.api, device);
    const sessionId = session.body.me.session.sessionId as string;
    assert.equal((await t.api.call('getMe', { token: session.body.token })).status, 200);
    await writeDatabase(t.server, `UPDATE sign_in_sessions SET idle_expires_at = '2000-01-01T00:00:00.000Z' WHERE id = '${sessionId}'`);
    assert.equal((await t.api.call('getMe', { token: session.body.token })).status, 401);
  });

  it('ends a session at its longest duration however active', async () => {
    const session = await signIn(t.api, device);
    const sessionId = session.body.me.session.sessionId as string;
    await writeDatabase(t.server, `UPDATE sign_in_sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = '${sessionId}'`);
    assert.equal((await t.api.call('getMe', { token: session.body.token })).status, 401);
  });

  it('does not take a handler token for the person’s own operations, nor an access token where a handler token is asked', async () => {
    assert.equal((await t.api.call('getMe', { token: t.server.handlerToken! })).status, 401);
    assert.equal((await t.api.call('signOut', { token: t.server.handlerToken! })).status, 401);
  });

  it('refuses every bad access token on every operation a person signs in for, with a 401 problem, and changes nothing', async (context) => {
    const caseId = await newestCaseId(t.api, t.server.handlerToken!);
    const signedOut = await signIn(t.api, device);
    await t.api.call('signOut', { token: signedOut.body.token });
    const followUpToken = await openSession(t.api, await submitReport(t.api));
    const valid = token;
    const header = (value: string) => (options: CallOptions) => ({ ...options, headers: { ...options.headers, authorization: value } });
    const bad: Record<string, (options: CallOptions) => CallOptions> = {
      missing: (options) => options,
      'wrong token of the right shape': header(`Bearer wba_${'Q'.repeat(valid.length - 4)}`),
      'one character changed': header(`Bearer ${valid.slice(0, -1)}${valid.endsWith('A') ? 'B' : 'A'}`),
      'signed out': header(`Bearer ${signedOut.body.token}`),
      "a reporter's follow-up token": header(`Bearer ${followUpToken}`),
      'the valid token in the query string': (options) => ({ ...options, query: { ...options.query, access_token: valid } }),
    };
    const pathValue: Record<string, string> = { caseId, accountId: 'u_0000000000000', groupId: 'griffie', passkeyId: 'A'.repeat(22), attachmentId: 'a_00000000' };
    const operations = spec.operations().filter((operation) => operation.security.includes('accessToken'));
    assert.ok(operations.length >= 26, `${operations.length} operations`);
    const before = await snapshotDatabase(t.server);
    for (const operation of operations) {
      const path = Object.fromEntries(operation.parameters.filter((p) => p.in === 'path').map((p) => [p.name, pathValue[p.name]!]));
      const body = fixtures.find((f) => f.operationId === operation.operationId && f.kind === 'request' && f.validity === 'valid')?.body ?? {};
      const base: CallOptions = { path, ...(operation.requestMediaTypes.includes('application/json') ? { json: body } : {}) };
      for (const [label, spoil] of Object.entries(bad)) {
        const answer = await t.api.call(operation.operationId, spoil(base));
        assert.equal(answer.status, 401, `${operation.operationId} with ${label}: ${answer.status}`);
        assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="weerbaar"');
      }
      // A valid handler token where only people may call: 403 where the operation documents it (roles), else 401.
      if (!operation.security.includes('handlerToken')) {
        const answer = await t.api.call(operation.operationId, { ...base, token: t.server.handlerToken! });
        // (An operation that checks its parameters before the caller's roles may answer 400 first.)
        const expected = operation.statuses.includes('403') ? [403, 400] : [401];
        assert.ok(expected.includes(answer.status), `${operation.operationId} with a handler token: ${answer.status}`);
      }
    }
    assertSameDatabase(await snapshotDatabase(t.server), before, 'after the refused requests');
    context.diagnostic(`${operations.length} operations refused every bad access token`);
  });

  it('limits failed sign-ins atomically: of a parallel burst only the limit is even checked', async () => {
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.api.call('startEnrolment', { json: { invitationCode: `ZZZZ-ZZZZ-ZZZZ-ZZZZ-${String(i).padStart(4, '0')}` } })),
    );
    const statuses = burst.map((response) => response.status);
    const checked = statuses.filter((status) => status === 401).length;
    assert.ok(checked <= 6, `at most the limit (6) of failures per client was checked, not ${checked}`);
    assert.ok(statuses.every((status) => status === 401 || status === 429));
    const limited = burst.find((response) => response.status === 429)!;
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    // A correct sign-in is limited too while the window lasts: the limit is per client, whatever the credential.
    const challenge = await t.api.call('startPasskeySignIn');
    const credential = await device.get(challenge.body.publicKey);
    assert.equal((await t.api.call('finishPasskeySignIn', { json: { challengeId: challenge.body.challengeId, credential } })).status, 429);
  });

  it('logs failed sign-ins without the code, token or credential', async () => {
    const output = t.server.output();
    assert.match(output, /sign-in failed/);
    assert.ok(!output.includes(invitation.code), 'no invitation code in the log');
    assert.ok(!output.includes(token), 'no access token in the log');
    assert.ok(!/wba_[A-Za-z0-9_-]{20}/.test(output), 'no access token at all');
  });
});
