// People through the SDK against the reference server: a passkey enrolled and used in Chromium
// (virtual authenticator) through enrolPasskey and signInWithPasskey, the access token on the
// handler client, accounts, groups, routing and access per case, and signing out.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { PasskeyDevice } from '../../server/test/helpers/passkey-device.js';
import { createClient, WeerbaarApiError } from '../src/index.js';
import { createHandlerClient, enrolPasskey, signInWithPasskey, type PasskeyAuthenticator } from '../src/handler.js';
import { rejection } from './support/rejection.js';
import { startReferenceServer, type ReferenceServer } from './support/reference-server.js';

const serverCli = fileURLToPath(new URL('../../server/dist/cli.js', import.meta.url));
const run = promisify(execFile);

describe('people through the SDK', () => {
  let server: ReferenceServer & { env: Record<string, string> };
  let device: PasskeyDevice;
  let authenticator: PasskeyAuthenticator;
  let baseUrl: string;
  let transport: { baseUrl: string; timeout: number };

  /** `handler invite` with the server's CLI; the invitation code. */
  async function invite(name: string, ...args: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, [serverCli, 'handler', 'invite', '--name', name, ...args], { env: server.env });
    return /#uitnodiging=(\S+)/.exec(stdout)![1]!;
  }

  before(async () => {
    server = (await startReferenceServer()) as typeof server;
    baseUrl = server.apiUrl;
    // A loaded test machine may take longer than the SDK's 10 s default for one answer.
    transport = { baseUrl, timeout: 60_000 };
    device = await PasskeyDevice.open(server.origin.replace('127.0.0.1', 'localhost'));
    authenticator = { create: (options) => device.create(options), get: (options) => device.get(options) };
  });
  after(async () => {
    await device?.close();
    await server?.stop();
  });

  it('enrols with an invitation code, signs in with the passkey and out again', async () => {
    const enrolled = await enrolPasskey(await invite('Ö. Çelik', '--role', 'handler', '--role', 'admin'), { ...transport, authenticator, passkeyName: 'Werklaptop' });
    assert.equal(enrolled.me.account.displayName, 'Ö. Çelik');
    assert.equal(enrolled.me.account.passkeys[0]!.name, 'Werklaptop');
    const signedIn = await signInWithPasskey({ ...transport, authenticator });
    const person = createHandlerClient({ ...transport, token: signedIn.token });
    assert.equal((await person.getMe()).session.sessionId, signedIn.me.session.sessionId);
    await person.signOut();
    const error = await rejection(person.getMe());
    assert.ok(error instanceof WeerbaarApiError && error.status === 401);
  });

  it('reads the statistics of a period as an admin, small cells suppressed, and refuses a period that is none', async () => {
    const admin = createHandlerClient({ ...transport, token: (await signInWithPasskey({ ...transport, authenticator })).token });
    await createClient(transport).submitReport({ role: 'civil-servant', category: 'bribery', content: { description: 'Een aannemer biedt geschenken aan.' } });
    const year = String(new Date().getFullYear());
    const statistics = await admin.getStatistics(year);
    assert.equal(statistics.period, year);
    assert.equal(statistics.startsOn, `${year}-01-01`);
    assert.ok(statistics.minimumCellCount >= 5);
    assert.equal(statistics.byCategory.length, 5);
    // One report in a fresh server: fewer than the minimum, so the count is suppressed, not shown.
    assert.deepEqual(statistics.received, { suppressed: true });
    const refused = await rejection(admin.getStatistics('vorig jaar'));
    assert.ok(refused instanceof WeerbaarApiError && refused.status === 400, String(refused));
  });

  it('manages accounts, groups, routing and access per case with the access token', async () => {
    const admin = createHandlerClient({ ...transport, token: (await signInWithPasskey({ ...transport, authenticator })).token });
    const invited = await admin.inviteAccount({ displayName: 'P. Bakker', roles: ['handler'], groups: ['integrity-officers'] });
    assert.ok(invited.invitation?.code);
    const colleague = invited.account.accountId;
    assert.ok((await admin.listAccounts()).items.some((account) => account.accountId === colleague));
    assert.equal((await admin.updateAccount(colleague, { displayName: 'P. Bakker-de Vries' })).displayName, 'P. Bakker-de Vries');
    assert.ok((await admin.createInvitation(colleague)).code);
    assert.equal((await admin.saveGroup('vertrouwenspersonen', { name: 'Vertrouwenspersonen' })).name, 'Vertrouwenspersonen');
    assert.ok((await admin.listGroups()).items.some((group) => group.groupId === 'vertrouwenspersonen'));
    await admin.deleteGroup('vertrouwenspersonen');
    const routing = await admin.getRouting();
    assert.deepEqual(await admin.setRouting(routing), routing);

    await createClient(transport).submitReport({ role: 'civil-servant', category: 'bribery', content: { description: 'Een aannemer bood mij een reis aan.' } });
    const caseId = (await admin.listCases({ pageSize: 1 })).items[0]!.caseId;
    assert.equal((await admin.assignCase(caseId, colleague)).assignees[0]!.accountId, colleague);
    assert.deepEqual((await admin.unassignCase(caseId, colleague)).assignees, []);
    assert.equal((await admin.grantCaseAccess(caseId, colleague)).grants.length, 1);
    assert.deepEqual((await admin.revokeCaseAccess(caseId, colleague)).grants, []);
    const excluded = await admin.excludeFromCase(caseId, colleague);
    assert.equal(excluded.exclusions[0]!.accountId, colleague);
    assert.deepEqual((await admin.getCaseAccess(caseId)).exclusions, excluded.exclusions);
    assert.deepEqual((await admin.liftCaseExclusion(caseId, colleague)).exclusions, []);
    assert.equal((await admin.transferCase(caseId, 'griffie')).group.groupId, 'griffie');
    const forbidden = await rejection(admin.getCase(caseId));
    assert.ok(forbidden instanceof WeerbaarApiError && forbidden.status === 403, 'transferred away from the admin’s group');
    const me = await admin.getMe();
    const passkeyId = me.account.passkeys[0]!.passkeyId;
    const wrapped = { keyId: '2026-11-key-1', algorithm: 'weerbaar-prf-hkdf-sha256-aes-kw', wrappedKey: 'q7XbS9nV2cL5mK8pR1tW4yZ6aD3fG0hJ2kL4mN6oP8qR0sT2uV4wX6y' };
    assert.equal((await admin.storeWrappedKey(passkeyId, wrapped)).wrappedKey, wrapped.wrappedKey);
    assert.equal((await admin.getWrappedKey(passkeyId)).keyId, wrapped.keyId);
    await admin.deleteWrappedKey(passkeyId);
    await admin.revokePasskey(me.account.accountId, me.account.passkeys[0]!.passkeyId);
    assert.ok((await rejection(admin.getMe())) instanceof WeerbaarApiError);
  });
});
