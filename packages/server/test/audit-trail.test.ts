// The audit trail of a case (contract 1.1, "Audit trail"): every read, change and reply is an entry
// of a hash chain that the SDK's verifyAuditTrail checks from the export alone; the database refuses
// to change or remove an entry, and what someone with database access does anyway — change, remove
// or reorder an entry, cut the tail — shows in the next export. On SQLite, and on PostgreSQL with
// two instances appending to one chain at once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyAuditTrail, type AuditExport } from '@weerbaar/sdk/handler';
import { testDatabase } from '../../../test-support/reference-server.mjs';
import { MINIMAL_REPORT } from './helpers/contract-client.js';
import { dropAppendOnlyTriggers, withWritableDatabase } from './helpers/database-tampering.js';
import { newestCaseId, openSession, startTestServer, submitReport, type TestServer } from './helpers/server.js';

describe("a case's audit trail", () => {
  let t: TestServer;
  let handler: string;

  before(async () => {
    t = await startTestServer();
    handler = t.server.handlerToken!;
  });
  after(() => t.server.stop());

  async function newCase(): Promise<{ caseId: string; receipt: string }> {
    const receipt = await submitReport(t.api);
    return { caseId: await newestCaseId(t.api, handler), receipt };
  }

  async function exportTrail(caseId: string): Promise<AuditExport> {
    const answer = await t.api.call('getCaseAudit', { token: handler, path: { caseId } });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body as AuditExport;
  }

  it('records the arrival, every read, reply and change, and the export itself, as a chain the SDK verifies', async () => {
    const { caseId, receipt } = await newCase();
    const followUp = await openSession(t.api, receipt);
    await t.api.call('sendFollowUpMessage', { token: followUp, json: { body: 'Er is nog iets gebeurd.' } });
    await t.api.call('getCase', { token: handler, path: { caseId } });
    await t.api.call('acknowledgeCase', { token: handler, path: { caseId }, json: {} });
    await t.api.call('sendCaseMessage', { token: handler, path: { caseId }, json: { body: 'Wat gebeurde er?', kind: 'question' } });
    await t.api.call('setCaseStatus', { token: handler, path: { caseId }, json: { status: 'investigating' } });
    await t.api.call('setCaseStatus', { token: handler, path: { caseId }, json: { status: 'closed', outcome: 'measures-taken' } });
    const trail = await exportTrail(caseId);

    assert.deepEqual(
      trail.entries.map((entry) => entry.action),
      ['received', 'follow-up-opened', 'message-received', 'read', 'acknowledged', 'status-changed', 'message-sent', 'status-changed', 'status-changed', 'audit-exported'],
    );
    assert.deepEqual(await verifyAuditTrail(trail), { valid: true, problems: [] });
    assert.equal(trail.algorithm, 'jcs-sha256-chain-v1');
    assert.deepEqual(trail.entries[0]!.details, { channel: 'online', encrypted: false });
    assert.deepEqual(trail.entries[0]!.actor, { kind: 'reporter' });
    assert.deepEqual(trail.entries[3]!.actor, { kind: 'handler-token', name: 'test-handler' });
    assert.deepEqual(trail.entries[8]!.details, { from: 'investigating', to: 'closed', outcome: 'measures-taken' });
    const text = JSON.stringify(trail);
    for (const content of [MINIMAL_REPORT.content.description, 'Er is nog iets gebeurd.', 'Wat gebeurde er?', MINIMAL_REPORT.category, MINIMAL_REPORT.role, receipt]) {
      assert.ok(!text.includes(content), `no content in the trail: ${content}`);
    }
  });

  it('does not count appearing in a list as a read; an attachment download is recorded', async () => {
    const { caseId, receipt } = await newCase();
    const followUp = await openSession(t.api, receipt);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a])], { type: 'application/pdf' }), 'brief.pdf');
    const attachment = await t.api.call('addFollowUpAttachment', { token: followUp, body: form });
    assert.equal(attachment.status, 201, JSON.stringify(attachment.body));
    await t.api.call('listCases', { token: handler });
    await t.api.call('getCaseAttachment', { token: handler, path: { caseId, attachmentId: attachment.body.id } });
    const trail = await exportTrail(caseId);
    assert.deepEqual(trail.entries.map((entry) => entry.action), ['received', 'follow-up-opened', 'attachment-added', 'attachment-downloaded', 'audit-exported']);
    assert.deepEqual(trail.entries[3]!.details, { attachmentId: attachment.body.id });
  });

  it('keeps every earlier head: a later export still contains it', async () => {
    const { caseId } = await newCase();
    const first = await exportTrail(caseId);
    await t.api.call('getCase', { token: handler, path: { caseId } });
    const second = await exportTrail(caseId);
    assert.equal(second.entryCount, first.entryCount + 2);
    assert.deepEqual(await verifyAuditTrail(second, first), { valid: true, problems: [] });
  });

  it('answers 404 for a case that does not exist, and writes nothing', async () => {
    const answer = await t.api.call('getCaseAudit', { token: handler, path: { caseId: 'c_doesnotexist00' } });
    assert.equal(answer.status, 404);
    const global = await withWritableDatabase(t.server, (db) => db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_chains WHERE chain_id = 'c_doesnotexist00'`));
    assert.equal(Number(global[0]!.n), 0);
  });

  it('keeps one chain without gaps or forks when 40 reads of one case arrive at once', async () => {
    const { caseId } = await newCase();
    const instances = [t];
    if (testDatabase === 'postgres') instances.push(await startTestServer({ shareWith: t.server, env: t.server.env }));
    try {
      const reads = Array.from({ length: 40 }, (_, index) => instances[index % instances.length]!.api.call('getCase', { token: handler, path: { caseId } }));
      assert.deepEqual([...new Set((await Promise.all(reads)).map((answer) => answer.status))], [200]);
    } finally {
      for (const other of instances.slice(1)) await other.server.stop();
    }
    const trail = await exportTrail(caseId);
    assert.equal(trail.entries.filter((entry) => entry.action === 'read').length, 40);
    assert.deepEqual(await verifyAuditTrail(trail), { valid: true, problems: [] });
  });

  it('refuses to change or remove an entry in the database', async () => {
    const { caseId } = await newCase();
    await exportTrail(caseId);
    await withWritableDatabase(t.server, async (db) => {
      await assert.rejects(db.run(`UPDATE audit_entries SET entry_json = '{}' WHERE chain_id = ?`, [caseId]), /append-only/);
      await assert.rejects(db.run('DELETE FROM audit_entries WHERE chain_id = ?', [caseId]), /append-only/);
    });
  });

  describe('what someone with database access does shows in the next export', () => {
    /** A case with six entries (received, four reads, the export) and the export's head, kept by an auditor. */
    async function caseWithKeptHead() {
      const { caseId } = await newCase();
      for (let read = 0; read < 4; read++) await t.api.call('getCase', { token: handler, path: { caseId } });
      const kept = await exportTrail(caseId);
      assert.equal(kept.entryCount, 6);
      return { caseId, kept };
    }

    async function entryJson(caseId: string, seq: number): Promise<string> {
      return withWritableDatabase(t.server, async (db) => (await db.all<{ entry_json: string }>('SELECT entry_json FROM audit_entries WHERE chain_id = ? AND seq = ?', [caseId, seq]))[0]!.entry_json);
    }

    before(() => withWritableDatabase(t.server, dropAppendOnlyTriggers));

    it('a changed entry: its hash no longer recomputes', async () => {
      const { caseId, kept } = await caseWithKeptHead();
      const changed = (await entryJson(caseId, 3)).replace('"action":"read"', '"action":"audit-exported"');
      await withWritableDatabase(t.server, (db) => db.run('UPDATE audit_entries SET entry_json = ? WHERE chain_id = ? AND seq = 3', [changed, caseId]));
      const verification = await verifyAuditTrail(await exportTrail(caseId), kept);
      assert.deepEqual(verification.problems, [{ code: 'hash-mismatch', seq: 3 }]);
    });

    it('a removed entry: the sequence has a gap, the links break and the count is off', async () => {
      const { caseId, kept } = await caseWithKeptHead();
      await withWritableDatabase(t.server, (db) => db.run('DELETE FROM audit_entries WHERE chain_id = ? AND seq = 3', [caseId]));
      const verification = await verifyAuditTrail(await exportTrail(caseId), kept);
      assert.equal(verification.valid, false);
      assert.deepEqual(new Set(verification.problems.map((problem) => problem.code)), new Set(['seq-out-of-order', 'broken-link', 'count-mismatch', 'known-head-mismatch']));
    });

    it('two entries swapped: the order and the links break', async () => {
      const { caseId, kept } = await caseWithKeptHead();
      const [second, third] = [await entryJson(caseId, 2), await entryJson(caseId, 3)];
      await withWritableDatabase(t.server, async (db) => {
        await db.run('UPDATE audit_entries SET entry_json = ? WHERE chain_id = ? AND seq = 2', [third, caseId]);
        await db.run('UPDATE audit_entries SET entry_json = ? WHERE chain_id = ? AND seq = 3', [second, caseId]);
      });
      const verification = await verifyAuditTrail(await exportTrail(caseId), kept);
      assert.equal(verification.valid, false);
      assert.deepEqual(verification.problems.filter((problem) => problem.code === 'seq-out-of-order').map((problem) => problem.seq), [3, 2]);
      assert.ok(verification.problems.some((problem) => problem.code === 'broken-link'));
    });

    it('a cut tail with the head moved back: the chain holds, but not against the head kept earlier', async () => {
      const { caseId, kept } = await caseWithKeptHead();
      const third = JSON.parse(await entryJson(caseId, 3)) as { hash: string; at: string };
      await withWritableDatabase(t.server, async (db) => {
        await db.run('DELETE FROM audit_entries WHERE chain_id = ? AND seq > 3', [caseId]);
        await db.run('UPDATE audit_chains SET entry_count = 3, head_hash = ?, last_entry_at = ? WHERE chain_id = ?', [third.hash, third.at, caseId]);
      });
      const cut = await exportTrail(caseId);
      assert.equal(cut.entryCount, 4, 'three left, then this export');
      assert.deepEqual(await verifyAuditTrail(cut), { valid: true, problems: [] }, 'on its own the cut chain verifies');
      assert.deepEqual((await verifyAuditTrail(cut, kept)).problems, [{ code: 'truncated' }]);
    });
  });
});

describe('the global audit list and the case heads', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.server.stop());

  it('are for auditors alone: a handler token gets 403, no token 401', async () => {
    for (const operationId of ['listAuditEntries', 'listCaseAuditHeads'] as const) {
      assert.equal((await t.api.call(operationId, { token: t.server.handlerToken! })).status, 403, operationId);
      assert.equal((await t.api.call(operationId)).status, 401, operationId);
    }
  });

  it('advertises the chain algorithm in discovery', async () => {
    const discovery = (await t.api.call('getDiscovery')).body;
    assert.deepEqual(discovery.capabilities.caseManagement.audit, { algorithm: 'jcs-sha256-chain-v1' });
  });
});
