// The people a report affected, recorded by the handler who opened it (contract 1.2,
// setAffectedPeople): a sealed report carries no roles in the clear, so the handler records them
// by role, never by name; relatives among them add the protocol's family-support task once, in the
// same transaction; the trail records that it happened, not who was affected.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sealedWith } from './helpers/contract-client.js';
import { serverForSuite, type TestServer } from './helpers/server.js';

describe('the people affected, recorded by a handler', () => {
  const suite = serverForSuite({ encryption: true });
  let t: TestServer;
  let token: string;
  let keyId: string;
  before(async () => {
    ({ t, token } = suite);
    keyId = (await t.api.call('getDiscovery')).body.capabilities.encryption.keyId;
  });

  const steps = async (caseId: string) => (await t.api.call('listCaseTasks', { token, path: { caseId } })).body.items.map((task: { stepId: string }) => task.stepId);
  const recorded = async (caseId: string) =>
    (await t.api.call('getCaseAudit', { token, path: { caseId } })).body.entries.filter((entry: { action: string }) => entry.action === 'affected-people-recorded');

  it('adds the family-support task to a sealed threat report once relatives are recorded, and only once', async () => {
    const { caseId } = await suite.newCase({ role: 'council-member', category: 'threat-intimidation', encryptedContent: sealedWith(keyId) });
    assert.equal((await t.api.call('getCase', { token, path: { caseId } })).body.affectedPeople, undefined, 'a sealed report says nobody in the clear');
    assert.ok(!(await steps(caseId)).includes('family-support'));

    const answer = await t.api.call('setAffectedPeople', { token, path: { caseId }, json: { affectedPeople: ['self', 'children'] } });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.affectedPeople, ['self', 'children']);
    const after = await steps(caseId);
    assert.equal(after.filter((step: string) => step === 'family-support').length, 1);
    assert.equal(after.at(-1), 'family-support', 'added after the tasks made with the case');

    await t.api.call('setAffectedPeople', { token, path: { caseId }, json: { affectedPeople: ['partner'] } });
    assert.equal((await steps(caseId)).filter((step: string) => step === 'family-support').length, 1, 'not added twice');
    assert.deepEqual((await t.api.call('getCase', { token, path: { caseId } })).body.affectedPeople, ['partner']);
    const entries = await recorded(caseId);
    assert.deepEqual(entries.map((entry: { details: object }) => entry.details), [{ tasksAdded: 1 }, { tasksAdded: 0 }], 'the trail names no role');
  });

  it("replaces the form's answer, adds nothing without relatives, and refuses a name or an unknown case with nothing changed", async () => {
    const { caseId } = await suite.newCase({ role: 'council-member', category: 'threat-intimidation', content: { description: 'Een dreigbrief op de mat.', answers: { whoWasThreatened: ['me'] } } });
    const before = await steps(caseId);
    const colleagues = await t.api.call('setAffectedPeople', { token, path: { caseId }, json: { affectedPeople: ['self', 'colleagues'] } });
    assert.deepEqual(colleagues.body.affectedPeople, ['self', 'colleagues']);
    assert.deepEqual(await steps(caseId), before);
    const named = await t.api.call('setAffectedPeople', { token, path: { caseId }, json: { affectedPeople: ['self', 'J. de Vries'] } });
    assert.equal(named.status, 400);
    const twice = await t.api.call('setAffectedPeople', { token, path: { caseId }, json: { affectedPeople: ['children', 'children'] } });
    assert.equal(twice.status, 400);
    assert.deepEqual((await t.api.call('getCase', { token, path: { caseId } })).body.affectedPeople, ['self', 'colleagues']);
    assert.equal((await recorded(caseId)).length, 1, 'a refused request records nothing');
    assert.deepEqual(await steps(caseId), before);
    assert.equal((await t.api.call('setAffectedPeople', { token, path: { caseId: 'c_unknownunknown1' }, json: { affectedPeople: ['self'] } })).status, 404);
    assert.equal((await t.api.call('setAffectedPeople', { path: { caseId }, json: { affectedPeople: ['self'] } })).status, 401);
  });
});
