// Oral and meeting intake (contract 1.1, caseManagement.intake) over real HTTP against the built
// server: a handler records a report made by phone, the reporter gets a receipt on the spot and
// checks the minutes through follow-up; every version is kept, and nothing is answered twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtures } from '@weerbaar/spec';
import { idempotencyKey } from './helpers/contract-client.js';
import { openSession, startTestServer, type TestServer } from './helpers/server.js';

const phoneCall = fixtures.find((f) => f.name === 'recordIntake/valid/phone')!.body as Record<string, unknown>;

describe('oral and meeting intake', () => {
  let t: TestServer;
  let token: string;

  async function recordIntake(body: unknown = phoneCall, key = idempotencyKey()) {
    return t.api.call('recordIntake', { token, json: body, headers: { 'Idempotency-Key': key } });
  }

  before(async () => {
    t = await startTestServer();
    token = t.server.handlerToken!;
  });
  after(() => t.server.stop());

  it('advertises intake with its channels', async () => {
    const discovery = await t.api.call('getDiscovery');
    assert.deepEqual(discovery.body.capabilities.caseManagement.intake, { channels: ['phone', 'meeting', 'other'] });
  });

  it('answers a receipt for the reporter, the deadlines from now and the first minutes as a draft', async () => {
    const before = Date.now();
    const answer = await recordIntake();
    assert.equal(answer.status, 201);
    assert.match(answer.body.receipt, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    assert.ok(Date.parse(answer.body.receivedAt) >= before - 1000, 'the deadlines run from now, not from the conversation');
    assert.deepEqual(answer.body.minutes.author, { kind: 'handler-token', name: 'test-handler' });
    assert.equal(answer.body.minutes.status, 'draft');
    const stored = await t.api.call('getCase', { token, path: { caseId: answer.body.caseId } });
    assert.equal(stored.body.reference, answer.body.reference);
    assert.equal(stored.body.channel, 'phone');
    assert.equal(stored.body.labels.channel, 'Telefonisch');
    assert.deepEqual(stored.body.minutes, { latestVersion: 1, status: 'draft' });
    assert.equal(stored.body.content.description, (phoneCall.content as { description: string }).description);
  });

  it('answers a retry with the same Idempotency-Key with the same receipt and stores one case', async () => {
    const key = idempotencyKey();
    const [first, second] = [await recordIntake(phoneCall, key), await recordIntake(phoneCall, key)];
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(second.body, first.body);
    const reused = await recordIntake({ ...phoneCall, channel: 'meeting' }, key);
    assert.equal(reused.status, 422);
  });

  it('refuses an online channel, no minutes, a conversation in the future, and no token, storing nothing', async () => {
    const total = async () => (await t.api.call('listCases', { token })).body.totalItems as number;
    const count = await total();
    for (const name of ['recordIntake/invalid/online-channel', 'recordIntake/invalid/without-minutes']) {
      assert.equal((await recordIntake(fixtures.find((f) => f.name === name)!.body)).status, 400, name);
    }
    const future = await recordIntake({ ...phoneCall, heldAt: new Date(Date.now() + 86_400_000).toISOString() });
    assert.equal(future.status, 400);
    assert.deepEqual(future.body.errors.map((e: { pointer: string }) => e.pointer), ['/heldAt']);
    assert.equal((await t.api.call('recordIntake', { json: phoneCall, headers: { 'Idempotency-Key': idempotencyKey() } })).status, 401);
    assert.equal(await total(), count);
  });

  it('lets the reporter ask for a correction, the handler revise, and the reporter approve; every version kept', async () => {
    const { body: intake } = await recordIntake();
    const session = await openSession(t.api, intake.receipt);
    const shown = await t.api.call('getFollowUpMinutes', { token: session });
    assert.deepEqual([shown.body.version, shown.body.status, shown.body.author], [1, 'draft', undefined]);
    const view = await t.api.call('getFollowUpCase', { token: session });
    assert.deepEqual(view.body.minutes, { latestVersion: 1, status: 'draft' });

    const corrected = await t.api.call('answerFollowUpMinutes', { token: session, json: { version: 1, decision: 'correct', correction: 'Het waren twee mannen, niet één.' } });
    assert.equal(corrected.status, 201);
    assert.equal(corrected.body.status, 'correction-requested');
    const again = await t.api.call('answerFollowUpMinutes', { token: session, json: { version: 1, decision: 'approve' } });
    assert.equal(again.status, 409, 'a version is answered once');

    const stale = await t.api.call('reviseMinutes', { token, path: { caseId: intake.caseId }, json: { basedOnVersion: 0, body: 'Oud.' } });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'stale-version');
    const revised = await t.api.call('reviseMinutes', { token, path: { caseId: intake.caseId }, json: { basedOnVersion: 1, body: 'Verbeterd: twee mannen.' } });
    assert.deepEqual([revised.status, revised.body.version, revised.body.status], [201, 2, 'draft']);
    assert.equal((await t.api.call('answerFollowUpMinutes', { token: session, json: { version: 1, decision: 'approve' } })).status, 409, 'only the latest version');
    const approved = await t.api.call('answerFollowUpMinutes', { token: session, json: { version: 2, decision: 'approve' } });
    assert.deepEqual([approved.body.version, approved.body.status, approved.body.answer.decision], [2, 'approved', 'approve']);

    const trail = (await t.api.call('getCaseAudit', { token, path: { caseId: intake.caseId } })).body.entries;
    assert.deepEqual(
      trail.map((e: { action: string; actor: { kind: string }; details: Record<string, unknown> }) => [e.action, e.actor.kind, e.details.version ?? e.details.channel]),
      [
        ['received', 'reporter', 'phone'],
        ['intake-recorded', 'handler-token', 1],
        ['follow-up-opened', 'reporter', undefined],
        ['minutes-correction-requested', 'reporter', 1],
        ['minutes-added', 'handler-token', 2],
        ['minutes-approved', 'reporter', 2],
        ['audit-exported', 'handler-token', undefined],
      ],
    );
    const versions = await t.api.call('listMinutes', { token, path: { caseId: intake.caseId } });
    assert.deepEqual(
      versions.body.items.map((v: { version: number; status: string; body: string; answer?: { correction?: string } }) => [v.version, v.status, v.body.slice(0, 10), v.answer?.correction]),
      [
        [1, 'correction-requested', 'Telefoonge', 'Het waren twee mannen, niet één.'],
        [2, 'approved', 'Verbeterd:', undefined],
      ],
    );
  });

  it('supersedes an unanswered draft, stores only one of two revisions racing on the same version, and refuses closed cases', async () => {
    const { body: intake } = await recordIntake();
    const revise = (body: string) => t.api.call('reviseMinutes', { token, path: { caseId: intake.caseId }, json: { basedOnVersion: 1, body } });
    const raced = await Promise.all([revise('Versie A.'), revise('Versie B.'), revise('Versie C.')]);
    assert.deepEqual(raced.map((r) => r.status).sort(), [201, 409, 409]);
    const versions = (await t.api.call('listMinutes', { token, path: { caseId: intake.caseId } })).body.items;
    assert.deepEqual(versions.map((v: { status: string }) => v.status), ['superseded', 'draft']);
    await t.api.call('setCaseStatus', { token, path: { caseId: intake.caseId }, json: { status: 'closed', outcome: 'no-action-needed' } });
    assert.equal((await t.api.call('reviseMinutes', { token, path: { caseId: intake.caseId }, json: { basedOnVersion: 2, body: 'Te laat.' } })).status, 409);
  });

  it('adds first minutes to a written report (a meeting on request), which follow-up then shows; none before', async () => {
    const receipt = (await t.api.call('submitReport', { json: { role: 'civil-servant', category: 'bribery', content: { description: 'Een envelop.' } }, headers: { 'Idempotency-Key': idempotencyKey() } })).body.receipt;
    const session = await openSession(t.api, receipt);
    assert.equal((await t.api.call('getFollowUpMinutes', { token: session })).status, 404);
    assert.equal((await t.api.call('answerFollowUpMinutes', { token: session, json: { version: 1, decision: 'approve' } })).status, 404);
    const caseId = (await t.api.call('listCases', { token, query: { pageSize: '1' } })).body.items[0].caseId;
    const first = fixtures.find((f) => f.name === 'reviseMinutes/valid/first-version')!.body;
    assert.equal((await t.api.call('reviseMinutes', { token, path: { caseId }, json: first })).status, 201);
    assert.equal((await t.api.call('getFollowUpMinutes', { token: session })).body.version, 1);
  });
});
