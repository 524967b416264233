// Access per case, as people with real passkeys see it: admins manage accounts, groups and routing;
// cases are routed to groups by the reporter's role (the alternate when the report concerns the
// receivers); assign, grant, exclude, transfer. An excluded handler gets 403 on the case and never
// sees it in a list or its total; admins and auditors never read content.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtures } from '@weerbaar/spec';
import { idempotencyKey, MINIMAL_REPORT } from './helpers/contract-client.js';
import { allowAuditEntries, refuseAuditEntries, withWritableDatabase } from './helpers/database-tampering.js';
import { PasskeyDevice } from './helpers/passkey-device.js';
import { enrol, inviteWithCli, localOrigin } from './helpers/people.js';
import { newestCaseId, startTestServer, submitReport, type TestServer } from './helpers/server.js';

describe('accounts, groups, routing and access per case', () => {
  let t: TestServer;
  let device: PasskeyDevice;
  const token: Record<'admin' | 'anna' | 'bram' | 'cor' | 'auditor', string> = { admin: '', anna: '', bram: '', cor: '', auditor: '' };
  const id: Record<string, string> = {};
  let handlerToken: string;

  async function person(name: keyof typeof token, roles: string[], groups: string[] = []): Promise<void> {
    const invitation = await inviteWithCli(t.server, name, roles, groups);
    id[name] = invitation.accountId;
    await device.replaceAuthenticator();
    token[name] = await enrol(t.api, device, invitation.code);
  }

  /** A new case of this report and its id. */
  async function newCase(report: object = MINIMAL_REPORT): Promise<string> {
    await submitReport(t.api, report);
    return newestCaseId(t.api, handlerToken);
  }

  async function listedIds(who: string, query: Record<string, string> = {}): Promise<{ ids: string[]; total: number }> {
    const list = await t.api.call('listCases', { token: who, query: { pageSize: '100', ...query } });
    assert.equal(list.status, 200);
    return { ids: list.body.items.map((item: { caseId: string }) => item.caseId), total: list.body.totalItems };
  }

  async function sees(who: string, caseId: string): Promise<boolean> {
    const read = await t.api.call('getCase', { token: who, path: { caseId } });
    const { ids, total } = await listedIds(who);
    assert.equal(total, ids.length);
    assert.equal(read.status === 200, ids.includes(caseId), 'a case is listed exactly when it can be read');
    if (read.status !== 200) assert.equal(read.status, 403);
    return read.status === 200;
  }

  before(async () => {
    t = await startTestServer();
    handlerToken = t.server.handlerToken!;
    device = await PasskeyDevice.open(localOrigin(t.server));
    await person('admin', ['admin']);
    await person('anna', ['handler'], ['integrity-officers']);
    await person('bram', ['handler'], ['integrity-officers']);
    await person('cor', ['handler'], ['griffie']);
    await person('auditor', ['auditor']);
  });
  after(async () => {
    await device?.close();
    await t?.server.stop();
  });

  it('lets only admins manage accounts (403 for others and for a handler token)', async () => {
    const accounts = await t.api.call('listAccounts', { token: token.admin });
    assert.equal(accounts.status, 200);
    assert.deepEqual(accounts.body.items.map((a: { displayName: string }) => a.displayName), ['admin', 'anna', 'auditor', 'bram', 'cor']);
    assert.equal((await t.api.call('listAccounts', { token: token.anna })).status, 403);
    assert.equal((await t.api.call('listAccounts', { token: handlerToken })).status, 403);
    assert.equal((await t.api.call('getRouting', { token: token.auditor })).status, 403);
  });

  it('invites through the API with a one-time code; refuses unknown groups and a taken e-mail address', async () => {
    const invited = await t.api.call('inviteAccount', { token: token.admin, json: { displayName: 'D. Dijkstra', roles: ['handler'], groups: ['griffie'], email: 'd.dijkstra@voorbeeldstad.nl' } });
    assert.equal(invited.status, 201);
    assert.match(invited.body.invitation.code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    assert.equal(invited.body.account.invitationPending, true);
    const again = await t.api.call('inviteAccount', { token: token.admin, json: { displayName: 'D. Dijkstra 2', roles: ['handler'], email: 'd.dijkstra@voorbeeldstad.nl' } });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'account-exists');
    const unknown = await t.api.call('inviteAccount', { token: token.admin, json: { displayName: 'E', roles: ['handler'], groups: ['bestaat-niet'] } });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]), [['/groups/0', 'unknown-group']]);
    const global = (await t.api.call('listAuditEntries', { token: token.auditor })).body;
    assert.ok(global.items.some((entry: { action: string; details: { accountId?: string } }) => entry.action === 'account-invited' && entry.details.accountId === invited.body.account.accountId));
    assert.ok(global.items.some((entry: { action: string }) => entry.action === 'signed-in'));
    const renewed = await t.api.call('createInvitation', { token: token.admin, path: { accountId: invited.body.account.accountId } });
    assert.equal(renewed.status, 201);
    const old = await t.api.call('startEnrolment', { json: { invitationCode: invited.body.invitation.code } });
    assert.equal(old.status, 401, 'a new invitation makes the earlier one stop working');
  });

  it('keeps an admin: nobody takes away their own admin role, and the last admin keeps it', async () => {
    const self = await t.api.call('updateAccount', { token: token.admin, path: { accountId: id.admin! }, json: { roles: ['handler'] } });
    assert.equal(self.status, 409);
    assert.equal(self.body.code, 'last-admin');
    const suspendSelf = await t.api.call('updateAccount', { token: token.admin, path: { accountId: id.admin! }, json: { active: false } });
    assert.equal(suspendSelf.status, 409);
  });

  it('suspends an account and ends its sessions at once; restores it', async () => {
    const suspended = await t.api.call('updateAccount', { token: token.admin, path: { accountId: id.cor! }, json: { active: false } });
    assert.equal(suspended.status, 200);
    assert.equal(suspended.body.active, false);
    assert.equal((await t.api.call('getMe', { token: token.cor })).status, 401);
    await t.api.call('updateAccount', { token: token.admin, path: { accountId: id.cor! }, json: { active: true } });
    assert.equal((await t.api.call('getMe', { token: token.cor })).status, 401, 'an ended session stays ended');
    const invitation = await t.api.call('createInvitation', { token: token.admin, path: { accountId: id.cor! } });
    await device.replaceAuthenticator();
    token.cor = await enrol(t.api, device, invitation.body.code);
  });

  it('manages groups: anyone signed in (and handler tokens) lists them; a group in use cannot be deleted', async () => {
    const saved = await t.api.call('saveGroup', { token: token.admin, path: { groupId: 'vertrouwenspersonen' }, json: { name: 'Vertrouwenspersonen' } });
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body, { groupId: 'vertrouwenspersonen', name: 'Vertrouwenspersonen', members: [] });
    for (const who of [token.anna, token.auditor, handlerToken]) {
      const groups = await t.api.call('listGroups', { token: who });
      assert.equal(groups.status, 200);
      assert.ok(groups.body.items.some((g: { groupId: string }) => g.groupId === 'vertrouwenspersonen'));
    }
    const integrity = (await t.api.call('listGroups', { token: token.anna })).body.items.find((g: { groupId: string }) => g.groupId === 'integrity-officers');
    assert.deepEqual(integrity.members.map((m: { displayName: string }) => m.displayName), ['anna', 'bram']);
    assert.equal((await t.api.call('saveGroup', { token: token.anna, path: { groupId: 'x' }, json: { name: 'X' } })).status, 403);
    const inUse = await t.api.call('deleteGroup', { token: token.admin, path: { groupId: 'integrity-officers' } });
    assert.equal(inUse.status, 409);
    assert.equal(inUse.body.code, 'group-in-use');
    assert.equal((await t.api.call('deleteGroup', { token: token.admin, path: { groupId: 'vertrouwenspersonen' } })).status, 204);
    assert.equal((await t.api.call('deleteGroup', { token: token.admin, path: { groupId: 'vertrouwenspersonen' } })).status, 404);
  });

  it('routes new cases by the reporter’s role, and a report about the receivers to the alternate group', async () => {
    const fromCivilServant = await newCase();
    const fromCouncilMember = await newCase({ ...MINIMAL_REPORT, role: 'council-member' });
    const aboutReceivers = await newCase({ ...MINIMAL_REPORT, concernsReceiver: true });
    assert.equal(await sees(token.anna, fromCivilServant), true);
    assert.equal(await sees(token.anna, fromCouncilMember), false);
    assert.equal(await sees(token.cor, fromCouncilMember), true);
    assert.equal(await sees(token.anna, aboutReceivers), false, 'a report that concerns the integrity officers does not go to them');
    assert.equal((await t.api.call('getCaseAccess', { token: handlerToken, path: { caseId: aboutReceivers } })).body.group.groupId, 'municipal-secretary');
  });

  it('changes the routing for new cases only; refuses the same group as alternate and unknown groups', async () => {
    const routing = (await t.api.call('getRouting', { token: token.admin })).body;
    const same = await t.api.call('setRouting', { token: token.admin, json: { ...routing, other: { groupId: 'griffie', alternateGroupId: 'griffie' } } });
    assert.equal(same.status, 400);
    assert.deepEqual(same.body.errors.map((e: { code: string }) => e.code), ['same-group']);
    const unknown = await t.api.call('setRouting', { token: token.admin, json: { ...routing, other: { groupId: 'nergens', alternateGroupId: 'griffie' } } });
    assert.equal(unknown.body.errors[0].code, 'unknown-group');
    const earlier = await newCase({ ...MINIMAL_REPORT, role: 'other' });
    const changed = await t.api.call('setRouting', { token: token.admin, json: { ...routing, other: { groupId: 'griffie', alternateGroupId: 'mayors-office' } } });
    assert.equal(changed.status, 200);
    const later = await newCase({ ...MINIMAL_REPORT, role: 'other' });
    assert.equal(await sees(token.cor, later), true);
    assert.equal(await sees(token.cor, earlier), false, 'existing cases keep their group');
    await t.api.call('setRouting', { token: token.admin, json: routing });
  });

  it('excludes a handler from a case: 403 on it, absent from every list and total, whatever their group; lifting restores it', async () => {
    const caseId = await newCase();
    assert.equal(await sees(token.bram, caseId), true);
    const excluded = await t.api.call('excludeFromCase', { token: token.anna, path: { caseId, accountId: id.bram! } });
    assert.equal(excluded.status, 200);
    assert.deepEqual(excluded.body.exclusions.map((e: { displayName: string }) => e.displayName), ['bram']);
    assert.equal(await sees(token.bram, caseId), false);
    const queries: Record<string, string>[] = [{}, { status: 'received' }, { category: 'threat-intimidation' }, { role: 'civil-servant' }, { group: 'integrity-officers' }, { sort: 'acknowledgeDueAt' }];
    for (const query of queries) {
      assert.ok(!(await listedIds(token.bram, query)).ids.includes(caseId), JSON.stringify(query));
    }
    for (const [operationId, options] of [
      ['acknowledgeCase', { json: {} }],
      ['sendCaseMessage', { json: { body: 'Hallo' } }],
      ['setCaseStatus', { json: { status: 'closed', outcome: 'no-action-needed' } }],
      ['getCaseAccess', {}],
      ['assignCase', { path: { caseId, accountId: id.bram! } }],
      ['liftCaseExclusion', { path: { caseId, accountId: id.bram! } }],
    ] as const) {
      const answer = await t.api.call(operationId, { token: token.bram, path: { caseId }, ...options });
      assert.equal(answer.status, 403, operationId);
    }
    const assign = await t.api.call('assignCase', { token: token.anna, path: { caseId, accountId: id.bram! } });
    assert.equal(assign.status, 409);
    assert.equal(assign.body.code, 'excluded');
    assert.equal((await t.api.call('grantCaseAccess', { token: handlerToken, path: { caseId, accountId: id.bram! } })).body.code, 'excluded');
    assert.equal((await t.api.call('liftCaseExclusion', { token: token.admin, path: { caseId, accountId: id.bram! } })).status, 200);
    assert.equal(await sees(token.bram, caseId), true);
    // Every access change is in the case's audit trail, by whom and in which sign-in session.
    const trail = (await t.api.call('getCaseAudit', { token: handlerToken, path: { caseId } })).body;
    const excludedEntry = trail.entries.find((entry: { action: string }) => entry.action === 'excluded');
    assert.deepEqual(excludedEntry.details, { accountId: id.bram });
    assert.deepEqual([excludedEntry.actor.kind, excludedEntry.actor.accountId], ['person', id.anna]);
    assert.ok(trail.sessions.some((session: { sessionId: string }) => session.sessionId === excludedEntry.sessionId), 'the export lists the sign-in');
    assert.ok(trail.entries.some((entry: { action: string; actor: { accountId?: string } }) => entry.action === 'exclusion-lifted' && entry.actor.accountId === id.admin));
  });

  it('an exclusion wins over an assignment and a grant, and removes them', async () => {
    const caseId = await newCase({ ...MINIMAL_REPORT, role: 'council-member' });
    await t.api.call('grantCaseAccess', { token: token.cor, path: { caseId, accountId: id.anna! } });
    await t.api.call('assignCase', { token: token.cor, path: { caseId, accountId: id.anna! } });
    assert.equal(await sees(token.anna, caseId), true);
    assert.deepEqual((await listedIds(token.anna, { assignedToMe: 'true' })).ids.includes(caseId), true);
    const excluded = (await t.api.call('excludeFromCase', { token: token.cor, path: { caseId, accountId: id.anna! } })).body;
    assert.deepEqual([excluded.assignees, excluded.grants], [[], []]);
    assert.equal(await sees(token.anna, caseId), false);
    assert.ok(!(await listedIds(token.anna, { assignedToMe: 'true' })).ids.includes(caseId));
  });

  it('changes access and writes its audit entry in one transaction: when the entry cannot be written, nothing changes', async () => {
    const caseId = await newCase();
    const accessNow = async () => (await t.api.call('getCaseAccess', { token: handlerToken, path: { caseId } })).body;
    const before = await accessNow();
    await withWritableDatabase(t.server, (db) => refuseAuditEntries(db, caseId));
    try {
      const attempts = {
        assign: (await t.api.call('assignCase', { token: token.anna, path: { caseId, accountId: id.anna! } })).status,
        grant: (await t.api.call('grantCaseAccess', { token: token.anna, path: { caseId, accountId: id.cor! } })).status,
        exclude: (await t.api.call('excludeFromCase', { token: token.anna, path: { caseId, accountId: id.bram! } })).status,
        transfer: (await t.api.call('transferCase', { token: token.anna, path: { caseId }, json: { groupId: 'griffie' } })).status,
      };
      assert.deepEqual(attempts, { assign: 500, grant: 500, exclude: 500, transfer: 500 });
    } finally {
      await withWritableDatabase(t.server, allowAuditEntries);
    }
    assert.deepEqual(await accessNow(), before, 'no access changed without its audit entry');
    // Once entries can be written again, the change and its entry land together (anna: later tests count bram's assignments).
    assert.equal((await t.api.call('assignCase', { token: token.anna, path: { caseId, accountId: id.anna! } })).status, 200);
    const trail = (await t.api.call('getCaseAudit', { token: handlerToken, path: { caseId } })).body;
    const changes = trail.entries.filter((entry: { action: string }) => ['assigned', 'access-granted', 'excluded', 'transferred'].includes(entry.action));
    assert.deepEqual(changes.map((entry: { action: string; details: { accountId?: string } }) => [entry.action, entry.details.accountId]), [['assigned', id.anna]]);
  });

  it('grants and takes back access for a person outside the group; only to active handlers', async () => {
    const caseId = await newCase();
    assert.equal(await sees(token.cor, caseId), false);
    const granted = await t.api.call('grantCaseAccess', { token: token.anna, path: { caseId, accountId: id.cor! } });
    assert.deepEqual(granted.body.grants.map((g: { displayName: string }) => g.displayName), ['cor']);
    assert.equal(await sees(token.cor, caseId), true);
    await t.api.call('revokeCaseAccess', { token: token.anna, path: { caseId, accountId: id.cor! } });
    assert.equal(await sees(token.cor, caseId), false);
    const notHandler = await t.api.call('assignCase', { token: token.anna, path: { caseId, accountId: id.auditor! } });
    assert.equal(notHandler.status, 409);
    assert.equal(notHandler.body.code, 'not-a-handler');
    assert.equal((await t.api.call('grantCaseAccess', { token: token.cor, path: { caseId, accountId: id.cor! } })).status, 403, 'no access, no granting it to oneself');
  });

  it('transfers a case: the old group loses the access that came from it, assignees keep theirs', async () => {
    const caseId = await newCase();
    await t.api.call('assignCase', { token: token.anna, path: { caseId, accountId: id.anna! } });
    const unknown = await t.api.call('transferCase', { token: token.anna, path: { caseId }, json: { groupId: 'nergens' } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].pointer, '/groupId');
    const moved = await t.api.call('transferCase', { token: token.anna, path: { caseId }, json: { groupId: 'griffie' } });
    assert.equal(moved.body.group.groupId, 'griffie');
    assert.equal(await sees(token.cor, caseId), true);
    assert.equal(await sees(token.bram, caseId), false);
    assert.equal(await sees(token.anna, caseId), true, 'assigned');
  });

  it('gives admins access management without content, and auditors neither', async () => {
    const caseId = await newCase();
    assert.equal((await t.api.call('getCaseAccess', { token: token.admin, path: { caseId } })).status, 200);
    assert.equal((await t.api.call('getCase', { token: token.admin, path: { caseId } })).status, 403);
    assert.equal((await t.api.call('listCases', { token: token.admin })).status, 403);
    assert.equal((await t.api.call('getCaseAccess', { token: token.auditor, path: { caseId } })).status, 403);
    assert.equal((await t.api.call('getCase', { token: token.auditor, path: { caseId } })).status, 403);
    assert.equal((await t.api.call('listCases', { token: handlerToken, query: { assignedToMe: 'true' } })).status, 400);
  });

  it('gives the oversight operations to the roles the contract names: audit lists to auditors, statistics and tombstones to auditors and admins', async () => {
    const who = { auditor: token.auditor, admin: token.admin, handler: token.anna, 'handler token': handlerToken };
    const year = String(new Date().getUTCFullYear());
    const operations = {
      listAuditEntries: {},
      listCaseAuditHeads: {},
      listDeletedCases: {},
      getStatistics: { query: { period: year } },
    } as const;
    const answered: Record<string, Record<string, number>> = {};
    for (const [operationId, options] of Object.entries(operations)) {
      answered[operationId] = {};
      for (const [name, bearer] of Object.entries(who)) {
        answered[operationId]![name] = (await t.api.call(operationId as keyof typeof operations, { token: bearer, ...options })).status;
      }
    }
    const auditorsOnly = { auditor: 200, admin: 403, handler: 403, 'handler token': 403 };
    const auditorsAndAdmins = { auditor: 200, admin: 200, handler: 403, 'handler token': 403 };
    assert.deepEqual(answered, { listAuditEntries: auditorsOnly, listCaseAuditHeads: auditorsOnly, listDeletedCases: auditorsAndAdmins, getStatistics: auditorsAndAdmins });
  });

  it('exports a case’s trail to auditors (any case), handlers with access and handler tokens, with the sign-ins its entries name', async () => {
    const caseId = await newCase();
    assert.equal((await t.api.call('getCase', { token: token.anna, path: { caseId } })).status, 200);
    const status = async (bearer: string) => (await t.api.call('getCaseAudit', { token: bearer, path: { caseId } })).status;
    assert.deepEqual(
      { auditor: await status(token.auditor), anna: await status(token.anna), 'handler token': await status(handlerToken), admin: await status(token.admin), cor: await status(token.cor) },
      { auditor: 200, anna: 200, 'handler token': 200, admin: 403, cor: 403 },
    );
    const trail = (await t.api.call('getCaseAudit', { token: token.auditor, path: { caseId } })).body;
    const annasRead = trail.entries.find((entry: { action: string; actor: { accountId?: string } }) => entry.action === 'read' && entry.actor.accountId === id.anna);
    assert.ok(annasRead?.sessionId, 'anna’s read names her sign-in session');
    const session = trail.sessions.find((s: { sessionId: string }) => s.sessionId === annasRead.sessionId);
    assert.deepEqual({ actor: session.actor, method: session.method }, { actor: { kind: 'person', accountId: id.anna, name: 'anna' }, method: 'passkey' });
    assert.equal(trail.entries.at(-1).actor.accountId, id.auditor, 'the auditor’s export is itself in the trail');
    const heads = (await t.api.call('listCaseAuditHeads', { token: token.auditor, query: { pageSize: '100' } })).body.items;
    assert.equal(heads.find((head: { caseId: string }) => head.caseId === caseId)?.entryCount, trail.entryCount);
  });

  it('assigns the person who records an intake to its case, and shows group, assignees and assignedToMe in the case and the list', async () => {
    const phoneCall = fixtures.find((fixture) => fixture.name === 'recordIntake/valid/phone')!.body as Record<string, unknown>;
    const recorded = await t.api.call('recordIntake', { token: token.anna, json: { ...phoneCall, role: 'council-member', concernsReceiver: true }, headers: { 'Idempotency-Key': idempotencyKey() } });
    assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
    const caseId = recorded.body.caseId as string;
    const read = await t.api.call('getCase', { token: token.anna, path: { caseId } });
    assert.equal(read.status, 200, 'assigned: anna works it although it went to another group');
    assert.deepEqual(read.body.group, { groupId: 'mayors-office', name: read.body.group.name }, 'a council member’s report about its receivers goes to the alternate group');
    assert.deepEqual(read.body.assignees, [{ accountId: id.anna, displayName: 'anna' }]);
    assert.equal(read.body.concernsReceiver, true);
    const listed = (await t.api.call('listCases', { token: token.anna, query: { pageSize: '100' } })).body.items.find((item: { caseId: string }) => item.caseId === caseId);
    assert.deepEqual([listed.assignedToMe, listed.group.groupId, listed.concernsReceiver], [true, 'mayors-office', true]);
    await newCase();
    const other = (await t.api.call('listCases', { token: token.bram, query: { pageSize: '100' } })).body.items;
    assert.ok(other.length > 0 && other.every((item: { assignedToMe: boolean }) => item.assignedToMe === false), 'bram is assigned to none of his cases');
    const trail = (await t.api.call('getCaseAudit', { token: token.anna, path: { caseId } })).body;
    assert.deepEqual(trail.entries.filter((entry: { action: string }) => ['intake-recorded', 'assigned'].includes(entry.action)).map((entry: { action: string; details: { accountId?: string } }) => [entry.action, entry.details.accountId]), [['intake-recorded', undefined], ['assigned', id.anna]]);
  });

  it('revokes a passkey: its sessions end; a person may revoke their own, not another’s', async () => {
    const me = (await t.api.call('getMe', { token: token.bram })).body;
    const passkeyId = me.account.passkeys[0].passkeyId;
    assert.equal((await t.api.call('revokePasskey', { token: token.anna, path: { accountId: id.bram!, passkeyId } })).status, 403);
    assert.equal((await t.api.call('revokePasskey', { token: token.bram, path: { accountId: id.bram!, passkeyId } })).status, 204);
    assert.equal((await t.api.call('getMe', { token: token.bram })).status, 401);
    assert.equal((await t.api.call('revokePasskey', { token: token.admin, path: { accountId: id.bram!, passkeyId } })).status, 404);
  });
});
