// Retention and deletion (contract 1.1, "Retention and deletion"): a closed case is deleted on its
// date — content, messages, attachments (their bytes too), follow-up sessions — unless it is on
// legal hold; what remains is a content-free tombstone and the audit trail, which ends with a
// `deleted` entry and still verifies. Run through the real CLI (`weerbaar-server retention run`), on
// SQLite and on PostgreSQL (there also two runs at once, which delete a case once).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { verifyAuditTrail, type AuditExport } from '@weerbaar/sdk/handler';
import { testDatabase } from '../../../test-support/reference-server.mjs';
import { idempotencyKey } from './helpers/contract-client.js';
import { withWritableDatabase } from './helpers/database-tampering.js';
import { PNG } from './helpers/fuzz-arbitraries.js';
import { withReadOnlyDatabase } from './helpers/read-only-database.js';
import { newestCaseId, openSession, startTestServer, type TestServer } from './helpers/server.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = promisify(execFile);

describe('retention: closed cases are deleted on their date, unless on legal hold', () => {
  let t: TestServer;
  let handler: string;

  before(async () => {
    t = await startTestServer({ env: { WEERBAAR_RETENTION_DAYS_MEASURES_TAKEN: '30', WEERBAAR_RETENTION_DAYS_WITHDRAWN: '7', WEERBAAR_JOBS_POLL_MILLISECONDS: '200' } });
    handler = t.server.handlerToken!;
  });
  after(() => t.server.stop());

  const retentionRun = async () => (await run(process.execPath, [cli, 'retention', 'run'], { env: t.server.env })).stdout;

  /** A case with a message, a reply, an attachment and an open follow-up session; closed when `outcome` is given. */
  async function workedCase(marker: string, outcome?: string) {
    const submitted = await t.api.call('submitReport', {
      json: { role: 'civil-servant', category: 'bribery', content: { description: `Een aanbod voor een vergunning (${marker}).` } },
      headers: { 'Idempotency-Key': idempotencyKey() },
    });
    const receipt = submitted.body.receipt as string;
    const caseId = await newestCaseId(t.api, handler);
    await t.api.call('sendCaseMessage', { token: handler, path: { caseId }, json: { body: `Vraag over ${marker}?`, kind: 'question' } });
    const followUp = await openSession(t.api, receipt);
    await t.api.call('sendFollowUpMessage', { token: followUp, json: { body: `Antwoord over ${marker}.` } });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'foto.png');
    const attachment = (await t.api.call('addFollowUpAttachment', { token: followUp, body: form })).body;
    if (outcome) await t.api.call('setCaseStatus', { token: handler, path: { caseId }, json: { status: 'closed', outcome } });
    return { caseId, receipt, followUp, attachmentId: attachment.id as string };
  }

  /** Moves a case's closing `days` days into the past, as if it was closed then. */
  async function closedDaysAgo(caseId: string, days: number): Promise<void> {
    const at = new Date(Date.now() - days * 86_400_000).toISOString();
    await withWritableDatabase(t.server, (db) => db.run(`UPDATE case_events SET at = ? WHERE case_id = ? AND type = 'closed'`, [at, caseId]));
  }

  async function rowsMentioning(text: string): Promise<string[]> {
    return withReadOnlyDatabase(t.server, async (db) => {
      const found: string[] = [];
      for (const { from, name } of await db.tables()) {
        for (const row of await db.query(`SELECT * FROM ${from}`)) if (JSON.stringify(row).includes(text)) found.push(name);
      }
      return found;
    });
  }

  /** Where a case's attachment bytes are kept: a file's name (SQLite) or chunks' name (PostgreSQL). */
  async function storageNameOf(caseId: string): Promise<string> {
    const [row] = await withWritableDatabase(t.server, (db) => db.all<{ storage_name: string }>('SELECT storage_name FROM case_attachments WHERE case_id = ?', [caseId]));
    return row!.storage_name;
  }

  async function bytesKept(storageName: string): Promise<boolean> {
    if (!t.server.databaseUrl) return existsSync(join(t.server.dataDir, 'attachments', storageName));
    return withWritableDatabase(t.server, async (db) => (await db.all('SELECT 1 FROM attachment_chunks WHERE storage_name = ?', [storageName])).length > 0);
  }

  it('advertises the retention period of every outcome in discovery', async () => {
    const discovery = (await t.api.call('getDiscovery')).body;
    assert.deepEqual(discovery.capabilities.caseManagement.retention.periods, [
      { outcome: 'measures-taken', days: 30 },
      { outcome: 'referred', days: 1825 },
      { outcome: 'no-action-needed', days: 365 },
      { outcome: 'insufficient-information', days: 365 },
      { outcome: 'withdrawn', days: 7 },
    ]);
  });

  it('answers the retention state: the delete date of a closed case, none for an open one', async () => {
    const open = await workedCase('open-state');
    const state = await t.api.call('setLegalHold', { token: handler, path: { caseId: open.caseId }, json: { legalHold: false } });
    assert.deepEqual(state.body, { legalHold: false });
    await t.api.call('setCaseStatus', { token: handler, path: { caseId: open.caseId }, json: { status: 'closed', outcome: 'withdrawn' } });
    const closed = await t.api.call('setLegalHold', { token: handler, path: { caseId: open.caseId }, json: { legalHold: false } });
    assert.equal(closed.body.deleteOn, new Date(Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10));
  });

  it('deletes a case whose date has come — content, replies, attachments, sessions — and keeps a trail that verifies', async () => {
    const due = await workedCase('due-marker', 'measures-taken');
    const recent = await workedCase('recent-marker', 'measures-taken');
    const open = await workedCase('open-marker');
    await closedDaysAgo(due.caseId, 31);
    await closedDaysAgo(recent.caseId, 29);
    const [dueBytes, recentBytes] = [await storageNameOf(due.caseId), await storageNameOf(recent.caseId)];
    assert.ok(await bytesKept(dueBytes));

    assert.match(await retentionRun(), /Retention: 1 case deleted, \d+ closed cases? kept until their date\./);

    assert.deepEqual(await rowsMentioning('due-marker'), [], 'no row anywhere holds its text');
    const gone = await t.api.call('getCase', { token: handler, path: { caseId: due.caseId } });
    assert.equal(gone.status, 410);
    assert.equal(gone.body.code, 'case-deleted');
    for (const [operationId, extra] of [
      ['getCaseAttachment', { path: { caseId: due.caseId, attachmentId: due.attachmentId } }],
      ['acknowledgeCase', { path: { caseId: due.caseId }, json: {} }],
      ['setLegalHold', { path: { caseId: due.caseId }, json: { legalHold: true } }],
    ] as const) {
      assert.equal((await t.api.call(operationId, { token: handler, ...extra })).status, 410, operationId);
    }
    assert.equal((await t.api.call('getFollowUpCase', { token: due.followUp })).status, 401, 'its follow-up session is gone');
    assert.equal((await t.api.call('openFollowUpSession', { json: { receipt: due.receipt } })).status, 401, 'its receipt opens nothing');
    assert.equal(await bytesKept(dueBytes), false, "its attachment's bytes are removed");
    assert.equal(await bytesKept(recentBytes), true, 'a case kept keeps its own');

    const trail = (await t.api.call('getCaseAudit', { token: handler, path: { caseId: due.caseId } })).body as AuditExport;
    assert.deepEqual(trail.entries.slice(-2).map((entry) => [entry.action, entry.actor.kind]), [['deleted', 'system'], ['audit-exported', 'handler-token']]);
    assert.deepEqual(trail.entries.at(-2)!.details, { outcome: 'measures-taken' });
    assert.deepEqual(await verifyAuditTrail(trail), { valid: true, problems: [] });

    const tombstone = await withReadOnlyDatabase(t.server, (db) => db.query(`SELECT * FROM deleted_cases`));
    assert.equal(tombstone.length, 1);
    assert.deepEqual(Object.keys(tombstone[0]!).sort(), ['case_id', 'closed_at', 'deleted_at', 'outcome', 'received_at', 'reference']);

    for (const kept of [recent, open]) assert.equal((await t.api.call('getCase', { token: handler, path: { caseId: kept.caseId } })).status, 200);
    assert.match(await retentionRun(), /Retention: 0 cases deleted/);
  });

  it('keeps a case on legal hold past its date, records the hold, and deletes it at the next run after the hold is lifted', async () => {
    const held = await workedCase('held-marker', 'withdrawn');
    const hold = await t.api.call('setLegalHold', { token: handler, path: { caseId: held.caseId }, json: { legalHold: true } });
    assert.equal(hold.body.legalHold, true);
    await closedDaysAgo(held.caseId, 400);
    await retentionRun();
    assert.equal((await t.api.call('getCase', { token: handler, path: { caseId: held.caseId } })).status, 200, 'held: kept');

    assert.equal((await t.api.call('setLegalHold', { token: handler, path: { caseId: held.caseId }, json: { legalHold: false } })).body.legalHold, false);
    await retentionRun();
    assert.equal((await t.api.call('getCase', { token: handler, path: { caseId: held.caseId } })).status, 410, 'lifted: deleted');
    const actions = ((await t.api.call('getCaseAudit', { token: handler, path: { caseId: held.caseId } })).body as AuditExport).entries.map((entry) => entry.action);
    assert.deepEqual(actions.filter((action) => action.startsWith('legal-hold') || action === 'deleted'), ['legal-hold-set', 'legal-hold-lifted', 'deleted']);
  });

  it('deletes a case once when two runs meet it at the same time', { skip: testDatabase !== 'postgres' && 'two processes on one database: PostgreSQL' }, async () => {
    const due = await workedCase('twice-marker', 'withdrawn');
    await closedDaysAgo(due.caseId, 10);
    const outputs = await Promise.all([retentionRun(), retentionRun()]);
    assert.deepEqual(outputs.map((output) => /(\d+) cases? deleted/.exec(output)![1]).sort(), ['0', '1']);
    const trail = ((await t.api.call('getCaseAudit', { token: handler, path: { caseId: due.caseId } })).body as AuditExport);
    assert.equal(trail.entries.filter((entry) => entry.action === 'deleted').length, 1);
    assert.deepEqual(await verifyAuditTrail(trail), { valid: true, problems: [] });
  });

  it('runs by itself as one daily job in the job table: a case whose date has come is deleted without the command', async () => {
    const retentionJob = async () => withReadOnlyDatabase(t.server, async (db) => (await db.query(`SELECT job_key, state, run_at FROM jobs WHERE kind = 'retention'`)) as { job_key: string; state: string; run_at: string }[]);
    /** Waits until the job is queued for about a day after `since` (it ran); its rows. */
    const ranSince = async (since: number) => {
      for (let waited = 0; waited < 30_000; waited += 200) {
        const rows = await retentionJob();
        if (rows.length === 1 && rows[0]!.state === 'queued' && Date.parse(rows[0]!.run_at) >= since + 23 * 3600_000) return rows;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.fail(`the retention job did not run: ${JSON.stringify(await retentionJob())}`);
    };
    const started = await ranSince(Date.now() - 3600_000);
    assert.deepEqual(started.map((row) => row.job_key), ['retention:daily'], 'one job for the installation, run at start and set for the next day');
    const due = await workedCase('job-marker', 'withdrawn');
    await closedDaysAgo(due.caseId, 10);
    const now = Date.now();
    await withWritableDatabase(t.server, (db) => db.run(`UPDATE jobs SET run_at = ? WHERE job_key = 'retention:daily'`, [new Date(now).toISOString()]));
    await ranSince(now);
    assert.equal((await t.api.call('getCase', { token: handler, path: { caseId: due.caseId } })).status, 410, 'deleted by the job');
    assert.match(t.server.output(), /retention: 1 closed case\(s\) deleted/);
  });

  it('lists tombstones to auditors and admins only: a handler token gets 403', async () => {
    assert.equal((await t.api.call('listDeletedCases', { token: handler })).status, 403);
    assert.equal((await t.api.call('listDeletedCases')).status, 401);
  });
});
