// One engine's soak (scripts/soak.mjs runs it for SQLite, then for PostgreSQL with several
// instances): rounds of concurrent report submissions and attachment uploads, each cut by a
// SIGKILL of one instance at a random moment, until WEERBAAR_SOAK_KILLS kills or
// WEERBAAR_SOAK_SECONDS have passed. After each restart every answered report and attachment must
// be stored exactly once; an unanswered report is retried with its Idempotency-Key, an unanswered
// upload is retried only when it was not stored (uploads carry no key). Prints one line
// `SOAK {figures}`, then fails when anything was lost or doubled or the database is inconsistent.
//
// Built on the crash-recovery test's helpers: the reference server's start/kill/restart
// (test-support/reference-server.mjs), the contract-checking client, the database inspection.
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { Schema } from '@weerbaar/spec';
import { testDatabase } from '../../../../test-support/reference-server.mjs';
import { idempotencyKey, MINIMAL_REPORT, type ContractResponse } from '../helpers/contract-client.js';
import { databaseCounts } from '../helpers/database-inspection.js';
import { seededRandom, wholeNumberFromEnv } from '../helpers/seeded.js';
import { openSession, startTestServer, type TestServer } from '../helpers/server.js';

const INSTANCES = testDatabase === 'postgres' ? wholeNumberFromEnv('WEERBAAR_SOAK_INSTANCES', 3) : 1;
const KILLS = wholeNumberFromEnv('WEERBAAR_SOAK_KILLS', 60);
const SECONDS = wholeNumberFromEnv('WEERBAAR_SOAK_SECONDS', 900);
const SEED = wholeNumberFromEnv('WEERBAAR_SOAK_SEED', 20261202);
const CLIENTS = 4;
/** A key claimed by a killed request on a shared database stays claimed this long (routes/reports.ts). */
const CLAIM_LEASE_MS = 30_000;

interface Sent {
  marker: string;
  answered: boolean;
  retried: boolean;
}
interface ReportSent extends Sent {
  key: string;
  report: Schema<'PlainReportSubmission'>;
  receipt?: string;
}
interface UploadSent extends Sent {
  caseId: string;
  session: string;
}

const random = seededRandom(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const figures = {
  engine: testDatabase,
  instances: INSTANCES,
  kills: 0,
  reports: { sent: 0, answered: 0, retried: 0, lost: 0, duplicates: 0 },
  attachments: { sent: 0, answered: 0, retried: 0, lost: 0, duplicates: 0 },
  seconds: 0,
};

const first = await startTestServer({
  env: { WEERBAAR_REPORTS_PER_CLIENT: '1000000', WEERBAAR_FOLLOW_UP_MAX_FAILURES_PER_CLIENT: '1000000' },
});
const instances: TestServer[] = [first];
for (let index = 1; index < INSTANCES; index++) instances.push(await startTestServer({ shareWith: first.server, env: first.server.env }));
const handlerToken = first.server.handlerToken!;
const alive = new Set(instances);
const anyAlive = () => pick([...alive]);

/** One attempt; undefined when the connection died with the instance. */
async function attempt(call: () => Promise<ContractResponse>): Promise<ContractResponse | undefined> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TypeError) return undefined; // refused or cut: no answer
    throw error;
  }
}

function sendReport(round: number, client: number): Promise<ReportSent> {
  const marker = `soak-${SEED}-r${round}-c${client}`;
  const sent: ReportSent = { marker, key: idempotencyKey(), report: { ...MINIMAL_REPORT, content: { description: `Melding ${marker}.` } }, answered: false, retried: false };
  figures.reports.sent++;
  return attempt(() => pick(instances).api.call('submitReport', { json: sent.report, headers: { 'Idempotency-Key': sent.key } })).then((response) => {
    if (response) {
      assert.equal(response.status, 201, `${marker}: ${JSON.stringify(response.body)}`);
      sent.receipt = response.body.receipt;
      sent.answered = true;
    }
    return sent;
  });
}

function upload(target: { caseId: string; session: string }, marker: string): Promise<ContractResponse | undefined> {
  const form = new FormData();
  form.append('metadata', JSON.stringify({ description: 'Foto van de auto' }));
  form.append('file', new Blob([`${marker}\n`], { type: 'text/plain' }), `${marker}.txt`);
  return attempt(() => pick(instances).api.call('addFollowUpAttachment', { token: target.session, body: form }));
}

function sendUpload(round: number, client: number, target: { caseId: string; session: string }): Promise<UploadSent> {
  const sent: UploadSent = { marker: `soak-${SEED}-r${round}-c${client}-file`, ...target, answered: false, retried: false };
  figures.attachments.sent++;
  return upload(target, sent.marker).then((response) => {
    if (response) {
      assert.equal(response.status, 201, `${sent.marker}: ${JSON.stringify(response.body)}`);
      sent.answered = true;
    }
    return sent;
  });
}

/** Every case's report marker, listed through the handler API. */
async function casesByMarker(): Promise<Map<string, string[]>> {
  const byMarker = new Map<string, string[]>();
  for (let page = 1, pages = 1; page <= pages; page++) {
    const response = await anyAlive().api.call('listCases', { token: handlerToken, query: { page: String(page), pageSize: '100' } });
    pages = response.body.totalPages;
    await Promise.all(
      response.body.items.map(async ({ caseId }: { caseId: string }) => {
        const stored = (await anyAlive().api.call('getCase', { token: handlerToken, path: { caseId } })).body as Schema<'Case'>;
        const marker = /Melding (soak-\S+)\.$/.exec(stored.content?.description ?? '')?.[1] ?? caseId;
        byMarker.set(marker, [...(byMarker.get(marker) ?? []), caseId]);
      }),
    );
  }
  return byMarker;
}

async function attachmentCount(sent: UploadSent): Promise<number> {
  const stored = (await anyAlive().api.call('getCase', { token: handlerToken, path: { caseId: sent.caseId } })).body as Schema<'Case'>;
  return stored.attachments.filter((attachment) => attachment.name === `${sent.marker}.txt`).length;
}

/** Retries an unanswered report with its key: 'claimed' while a killed request still holds it. */
async function retryReport(sent: ReportSent): Promise<'answered' | 'claimed'> {
  const response = await anyAlive().api.call('submitReport', { json: sent.report, headers: { 'Idempotency-Key': sent.key } });
  if (response.status === 409) return 'claimed';
  assert.equal(response.status, 201, `${sent.marker} retry: ${JSON.stringify(response.body)}`);
  sent.receipt = response.body.receipt;
  sent.retried = true;
  figures.reports.retried++;
  return 'answered';
}

/** Each sent upload is stored exactly once, after a retry where it was neither answered nor stored. */
async function settleUploads(uploads: UploadSent[]): Promise<void> {
  for (const sent of uploads) {
    let count = await attachmentCount(sent);
    if (!sent.answered && count === 0) {
      const response = await upload(sent, sent.marker);
      assert.equal(response?.status, 201, `${sent.marker} retry: ${JSON.stringify(response?.body)}`);
      sent.retried = true;
      figures.attachments.retried++;
      count = await attachmentCount(sent);
    }
    if (count === 0) figures.attachments.lost++;
    if (count > 1) figures.attachments.duplicates++;
  }
}

const started = performance.now();
const reports: ReportSent[] = [];
let claimed: ReportSent[] = [];
/** Cases of the last round's stored reports, with a follow-up session: this round uploads to them. */
let uploadTargets: { caseId: string; session: string }[] = [];
let burstMs = 0;

for (let round = 0; figures.kills < KILLS && performance.now() - started < SECONDS * 1000; round++) {
  // Round 0 runs without a kill and measures a burst; later kills land anywhere inside one.
  const victim = round === 0 ? undefined : pick(instances);
  const killAt = random() * burstMs;
  const burstStarted = performance.now();
  const killing = victim
    ? delay(killAt).then(async () => {
        alive.delete(victim);
        await victim.server.kill('SIGKILL');
      })
    : Promise.resolve();
  const [roundReports, roundUploads] = await Promise.all([
    Promise.all(Array.from({ length: CLIENTS }, (_, client) => sendReport(round, client))),
    Promise.all(uploadTargets.map((target, client) => sendUpload(round, client, target))),
  ]);
  if (round === 0) burstMs = performance.now() - burstStarted;
  await killing;
  if (victim) {
    figures.kills++;
    await victim.server.restart();
    alive.add(victim);
  }
  reports.push(...roundReports);
  figures.reports.answered += roundReports.filter((sent) => sent.answered).length;
  figures.attachments.answered += roundUploads.filter((sent) => sent.answered).length;

  for (const sent of roundReports.filter((candidate) => !candidate.answered)) if ((await retryReport(sent)) === 'claimed') claimed.push(sent);
  await settleUploads(roundUploads);
  const byMarker = await casesByMarker();
  uploadTargets = await Promise.all(
    roundReports
      .filter((sent) => sent.receipt)
      .map(async (sent) => ({ caseId: byMarker.get(sent.marker)![0]!, session: await openSession(anyAlive().api, sent.receipt!) })),
  );
}

// Keys still claimed by killed requests: retried once their lease has lapsed.
for (const deadline = performance.now() + CLAIM_LEASE_MS + 15_000; claimed.length > 0; ) {
  assert.ok(performance.now() < deadline, `still claimed after the lease: ${claimed.map((sent) => sent.marker).join(', ')}`);
  await delay(1000);
  const outcomes = await Promise.all(claimed.map(retryReport));
  claimed = claimed.filter((_, index) => outcomes[index] === 'claimed');
}

const byMarker = await casesByMarker();
for (const sent of reports) {
  const cases = byMarker.get(sent.marker) ?? [];
  if ((sent.answered || sent.retried) && cases.length === 0) figures.reports.lost++;
  if (cases.length > 1) figures.reports.duplicates++;
}
const counts = await databaseCounts(first.server);
figures.seconds = Math.round((performance.now() - started) / 1000);
for (const instance of instances.slice(1)) await instance.server.stop();
await first.server.stop();
console.log(`SOAK ${JSON.stringify(figures)}`);

const { reports: r, attachments: a } = figures;
assert.deepEqual({ lost: r.lost + a.lost, duplicates: r.duplicates + a.duplicates }, { lost: 0, duplicates: 0 });
assert.deepEqual(counts.orphans, { case_events: 0, case_messages: 0, case_attachments: 0, follow_up_sessions: 0 }, 'rows without their case');
assert.equal(counts.casesWithoutReceivedEvent, 0, "cases without their 'received' event");
assert.equal(counts.idempotencyPending, 0, 'claims left pending');
assert.equal(counts.cases, reports.length, 'one case per report sent');
