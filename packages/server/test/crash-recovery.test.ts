// The server process is killed (SIGKILL) at a random moment during bursts of concurrent
// submissions, many times over. After each restart: every report that got a 201 is there and can
// be followed up with its receipt, nothing half-written is visible, and a request that got no
// answer, retried with the same Idempotency-Key, ends as exactly one case.
//
// Engine-neutral: everything goes over HTTP, except a read-only count of rows the API cannot show
// (helpers/database-inspection.ts). The kill moments come from a seeded generator (the seed is
// printed); how many requests each kill cuts off still depends on the machine's speed.
// WEERBAAR_CRASH_ROUNDS, WEERBAAR_CRASH_BUDGET_SECONDS and WEERBAAR_CRASH_SEED change the run, e.g.
// WEERBAAR_CRASH_ROUNDS=200 WEERBAAR_CRASH_BUDGET_SECONDS=3600 for a long local run.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Schema } from '@weerbaar/spec';
import { deadlinesOnReceipt } from '../src/domain/deadlines.js';
import { idempotencyKey, MINIMAL_REPORT, type ContractResponse } from './helpers/contract-client.js';
import { databaseCounts } from './helpers/database-inspection.js';
import { seededRandom, wholeNumberFromEnv } from './helpers/seeded.js';
import { openSession, startTestServer, type TestServer } from './helpers/server.js';

const ROUNDS = wholeNumberFromEnv('WEERBAAR_CRASH_ROUNDS', 15);
const SEED = wholeNumberFromEnv('WEERBAAR_CRASH_SEED', 20261128);
/**
 * No new round starts once this has passed (a busy machine), after MIN_ROUNDS, so npm test stays
 * bounded. The budget includes the wait for keys still claimed by killed requests (last test).
 */
const BUDGET_SECONDS = wholeNumberFromEnv('WEERBAAR_CRASH_BUDGET_SECONDS', 40);
const MIN_ROUNDS = Math.min(5, ROUNDS);
/** Each client submits its reports one after another, the clients at the same time. */
const CLIENTS = 4;
const REPORTS_PER_CLIENT = 2;
const BURST = CLIENTS * REPORTS_PER_CLIENT;
/**
 * How long a pending Idempotency-Key claim of a killed request keeps its retries at 409: the
 * server's lease (routes/reports.ts). SQLite clears such claims on start; an engine shared by
 * several instances (PostgreSQL) cannot, and its retries wait the lease out.
 */
const CLAIM_LEASE_MS = 30_000;
/** Longer than the lease: a retry still refused after this is refused for ever. */
const LEASED_RETRY_DEADLINE_MS = CLAIM_LEASE_MS + 15_000;

type Report = Schema<'PlainReportSubmission'>;
type Receipt = Schema<'ReportReceipt'>;
type Case = Schema<'Case'>;

interface Submission {
  /** Unique text in the description: finds the report's case among all cases. */
  marker: string;
  key: string;
  report: Report;
  /** The 201 answer, once one arrived (first attempt or retry). */
  answer?: Receipt;
}

const ROLES = ['civil-servant', 'administrator', 'council-member'] as const;
const CATEGORIES = ['threat-intimidation', 'bribery', 'infiltration'] as const;

describe('crash recovery: SIGKILL during bursts of concurrent submissions', () => {
  let t: TestServer;
  let handlerToken: string;
  const random = seededRandom(SEED);
  const submissions = new Map<string, Submission>();
  /** Cases already checked whole, by case id: their marker. */
  const checkedCases = new Map<string, string>();
  /** Unanswered requests whose retry still found the key claimed: retried again at the end. */
  const stillClaimed: Submission[] = [];
  const figures = { rounds: 0, kills: 0, answered: 0, hungUp: 0, cutOff: 0, unanswered: 0, replayed: 0, storedOnRetry: 0, answered409: 0, lost: 0, duplicates: 0 };
  let oneRequestMs = 0;

  before(async () => {
    t = await startTestServer({ env: { WEERBAAR_REPORTS_PER_CLIENT: '100000' } });
    handlerToken = t.server.handlerToken!;
  });
  after(() => t.server.stop());

  function newSubmission(round: number, client: number, index: number): Submission {
    const marker = `crash-${SEED}-r${round}-c${client}-n${index}`;
    const report: Report = {
      role: ROLES[(client + index) % ROLES.length]!,
      category: CATEGORIES[(round + index) % CATEGORIES.length]!,
      content: { description: `${MINIMAL_REPORT.content.description} Melding ${marker}.` },
    };
    const submission = { marker, key: idempotencyKey(), report };
    submissions.set(marker, submission);
    return submission;
  }

  const markerOf = (description: string | undefined) => /Melding (crash-\S+)\.$/.exec(description ?? '')?.[1];
  const followUpText = (marker: string) => `Aanvulling op ${marker}`;

  /** One attempt; undefined when the connection died with the server (no answer). */
  async function submit(submission: Submission): Promise<ContractResponse | undefined> {
    try {
      return await t.api.call('submitReport', { json: submission.report, headers: { 'Idempotency-Key': submission.key } });
    } catch (error) {
      // fetch rejects with a TypeError when the connection is refused or cut; contract failures are AssertionErrors.
      if (error instanceof TypeError) return undefined;
      throw error;
    }
  }

  /**
   * Sends the request and hangs up once it is out, like a client whose connection drops while it
   * waits: the server usually still stores the report, and the client never learns its receipt.
   */
  function sendAndHangUp(submission: Submission): Promise<void> {
    const body = JSON.stringify(submission.report);
    return new Promise((resolve) => {
      const outgoing = request(t.api.url('submitReport'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'idempotency-key': submission.key },
      });
      outgoing.on('finish', () => outgoing.socket?.end());
      outgoing.on('response', (answer) => answer.resume()); // too late: the client has gone
      outgoing.on('error', () => {});
      outgoing.on('close', () => resolve());
      outgoing.end(body);
    });
  }

  /**
   * Several clients at once, each submitting its reports in turn; answers what each got. Where
   * `hangsUp` says so (drawn before the burst, so the seed decides), the client hangs up instead of
   * waiting. `finished` is told after each attempt it waits for, answered or not.
   */
  async function burst(round: number, hangsUp: boolean[] = [], finished = () => {}): Promise<Submission[]> {
    const sent: Submission[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let index = 0; index < REPORTS_PER_CLIENT; index++) {
          const submission = newSubmission(round, client, index);
          sent.push(submission);
          if (hangsUp[client * REPORTS_PER_CLIENT + index]) {
            await sendAndHangUp(submission);
            figures.hungUp++;
            continue;
          }
          const response = await submit(submission);
          finished();
          if (response === undefined) {
            figures.cutOff++;
            continue;
          }
          assert.equal(response.status, 201, `${submission.marker}: ${JSON.stringify(response.body)}`);
          assert.equal(response.headers.get('idempotent-replayed'), null, `${submission.marker}: a first attempt is not a replay`);
          submission.answer = response.body as Receipt;
        }
      }),
    );
    return sent;
  }

  async function getCase(caseId: string): Promise<Case> {
    const response = await t.api.call('getCase', { token: handlerToken, path: { caseId } });
    assert.equal(response.status, 200);
    return response.body as Case;
  }

  /** Nothing half-written: the case is whole, as submitted, and consistent with any answer it got. */
  function assertWhole(stored: Case, submission: Submission): void {
    const label = submission.marker;
    assert.deepEqual(stored.content, submission.report.content, `${label}: content`);
    assert.equal(stored.role, submission.report.role, `${label}: role`);
    assert.equal(stored.category, submission.report.category, `${label}: category`);
    assert.equal(stored.status, 'received', `${label}: status`);
    assert.deepEqual(
      stored.timeline.filter((event) => event.type === 'received'),
      [{ at: stored.receivedAt, type: 'received', status: 'received' }],
      `${label}: exactly one 'received' event, at the time of receipt`,
    );
    assert.equal(stored.timeline[0]!.type, 'received', `${label}: the timeline starts with 'received'`);
    const due = deadlinesOnReceipt(stored.receivedAt);
    assert.equal(stored.deadlines.acknowledgeDueAt, due.acknowledgeDueAt, `${label}: acknowledgeDueAt`);
    assert.equal(stored.deadlines.feedbackDueAt, due.feedbackDueAt, `${label}: feedbackDueAt`);
    assert.deepEqual(stored.attachments, [], `${label}: attachments`);
    for (const message of stored.messages) {
      assert.deepEqual({ from: message.from, body: message.body }, { from: 'reporter', body: followUpText(label) }, `${label}: only its own follow-up message`);
    }
    if (submission.answer) {
      assert.equal(stored.receivedAt, submission.answer.receivedAt, `${label}: receivedAt as answered`);
      assert.equal(stored.deadlines.acknowledgeDueAt, submission.answer.acknowledgeDueAt, `${label}: acknowledgeDueAt as answered`);
      assert.equal(stored.deadlines.feedbackDueAt, submission.answer.feedbackDueAt, `${label}: feedbackDueAt as answered`);
    }
  }

  /**
   * Every stored case, by marker (a marker with two cases is a duplicate). Checks cases not seen
   * before whole; a case that is not one of this test's submissions fails the test.
   */
  async function casesByMarker(): Promise<Map<string, string[]>> {
    const items: Schema<'CaseSummary'>[] = [];
    for (let page = 1, pages = 1; page <= pages; page++) {
      const response = await t.api.call('listCases', { token: handlerToken, query: { page: String(page), pageSize: '100', sort: 'receivedAt' } });
      assert.equal(response.status, 200);
      const list = response.body as Schema<'CaseList'>;
      items.push(...list.items);
      pages = list.totalPages;
    }
    const references = items.map((item) => item.reference);
    assert.equal(new Set(references).size, references.length, 'a case reference is given twice');
    await Promise.all(
      items
        .filter((item) => !checkedCases.has(item.caseId))
        .map(async ({ caseId }) => {
          const stored = await getCase(caseId);
          const submission = submissions.get(markerOf(stored.content?.description) ?? '');
          assert.ok(submission, `case ${caseId} is not one of the submitted reports`);
          assertWhole(stored, submission);
          checkedCases.set(caseId, submission.marker);
        }),
    );
    const byMarker = new Map<string, string[]>();
    for (const { caseId } of items) {
      const marker = checkedCases.get(caseId)!;
      byMarker.set(marker, [...(byMarker.get(marker) ?? []), caseId]);
    }
    return byMarker;
  }

  /** The receipt opens a follow-up session on this report's own case (a reply shows up there). */
  async function assertFollowUpable(submission: Submission, caseId: string): Promise<void> {
    const answer = submission.answer!;
    const token = await openSession(t.api, answer.receipt);
    const view = (await t.api.call('getFollowUpCase', { token })).body as Schema<'FollowUpCase'>;
    assert.equal(view.receivedAt, answer.receivedAt, `${submission.marker}: the receipt opens a case received at the answered time`);
    assert.equal(view.timeline[0]?.type, 'received');
    const sent = await t.api.call('sendFollowUpMessage', { token, json: { body: followUpText(submission.marker) } });
    assert.equal(sent.status, 201);
    const stored = await getCase(caseId);
    assert.deepEqual(
      stored.messages.map((message) => message.body),
      [followUpText(submission.marker)],
      `${submission.marker}: the receipt belongs to the case with this report's content`,
    );
    assertWhole(stored, submission);
  }

  /**
   * Retries an unanswered request with its Idempotency-Key. A report stored before the kill is
   * replayed with its receipt; one that was not is stored now. 'claimed' when the key is still held.
   */
  async function retry(submission: Submission, storedBeforeRetry: boolean): Promise<'answered' | 'claimed'> {
    const response = await t.api.call('submitReport', { json: submission.report, headers: { 'Idempotency-Key': submission.key } });
    if (response.status === 409) {
      figures.answered409++;
      assert.equal(response.body.type.endsWith('idempotency-in-progress'), true, JSON.stringify(response.body));
      return 'claimed';
    }
    assert.equal(response.status, 201, `${submission.marker}: retry answered ${JSON.stringify(response.body)}`);
    const replayed = response.headers.get('idempotent-replayed') === 'true';
    assert.equal(replayed, storedBeforeRetry, `${submission.marker}: a replay exactly when the report was stored before the kill`);
    submission.answer = response.body as Receipt;
    figures[replayed ? 'replayed' : 'storedOnRetry']++;
    return 'answered';
  }

  /** Every answered report has exactly one case; no report has two. Returns the case of each answered one. */
  async function assertNothingLostOrDoubled(): Promise<Map<string, string>> {
    const byMarker = await casesByMarker();
    const caseOf = new Map<string, string>();
    const lost = [...submissions.values()].filter((submission) => submission.answer && !byMarker.has(submission.marker));
    const doubled = [...byMarker.entries()].filter(([, caseIds]) => caseIds.length > 1);
    figures.lost = lost.length;
    figures.duplicates = doubled.length;
    assert.deepEqual(lost.map((submission) => submission.marker), [], 'reports answered with 201 are missing');
    assert.deepEqual(doubled, [], 'reports stored more than once');
    for (const [marker, [caseId]] of byMarker) caseOf.set(marker, caseId!);
    return caseOf;
  }

  async function assertDatabaseConsistent(options: { claimsMayRemain: boolean }): Promise<void> {
    const counts = await databaseCounts(t.server);
    assert.deepEqual(counts.orphans, { case_events: 0, case_messages: 0, case_attachments: 0, follow_up_sessions: 0 }, 'rows without their case');
    assert.equal(counts.casesWithoutReceivedEvent, 0, "cases without their 'received' event");
    // Every case here was submitted with a key, so each case has its completed key and no key is completed without a case.
    assert.equal(counts.idempotencyDone, counts.cases, 'completed idempotency keys = cases');
    if (!options.claimsMayRemain) assert.equal(counts.idempotencyPending, 0, 'claims left pending');
  }

  /** After a restart: the round's answered reports are there and follow-up-able; the unanswered ones are retried. */
  async function checkRound(round: Submission[]): Promise<void> {
    const storedBefore = await assertNothingLostOrDoubled();
    const answered = round.filter((submission) => submission.answer);
    const unanswered = round.filter((submission) => !submission.answer);
    figures.answered += answered.length;
    figures.unanswered += unanswered.length;
    const [, outcomes] = await Promise.all([
      Promise.all(answered.map((submission) => assertFollowUpable(submission, storedBefore.get(submission.marker)!))),
      Promise.all(unanswered.map((submission) => retry(submission, storedBefore.has(submission.marker)))),
    ]);
    if (unanswered.length > 0) {
      stillClaimed.push(...unanswered.filter((_, index) => outcomes[index] === 'claimed'));
      const afterRetries = await assertNothingLostOrDoubled();
      const retried = unanswered.filter((submission) => submission.answer);
      await Promise.all(retried.map((submission) => assertFollowUpable(submission, afterRetries.get(submission.marker)!)));
    }
    await assertDatabaseConsistent({ claimsMayRemain: stillClaimed.length > 0 });
  }

  it('survives a first burst without a kill (it also measures how long one request takes)', async (context: TestContext) => {
    const started = performance.now();
    const round = await burst(0);
    oneRequestMs = (performance.now() - started) / REPORTS_PER_CLIENT;
    assert.equal(round.filter((submission) => submission.answer).length, BURST);
    await checkRound(round);
    context.diagnostic(
      `seed ${SEED} (WEERBAAR_CRASH_SEED), up to ${ROUNDS} rounds (WEERBAAR_CRASH_ROUNDS) within ${BUDGET_SECONDS} s (WEERBAAR_CRASH_BUDGET_SECONDS), ` +
        `bursts of ${CLIENTS} clients × ${REPORTS_PER_CLIENT} reports, one request ≈ ${Math.round(oneRequestMs)} ms`,
    );
  });

  it('keeps every answered report and stores every retried one exactly once, kill after kill', async (context: TestContext) => {
    const started = performance.now();
    // Keys still claimed are retried in the last test, after their lease: leave time for that.
    const withinBudget = () => performance.now() - started + (stillClaimed.length > 0 ? CLAIM_LEASE_MS : 0) < BUDGET_SECONDS * 1000;
    for (let roundNumber = 1; roundNumber <= ROUNDS && (roundNumber <= MIN_ROUNDS || withinBudget()); roundNumber++) {
      // The kill comes a random time after a random number of the answers the clients wait for have
      // arrived, at the latest with the next one, so while requests are still running or unsent. About
      // one request in three is sent by a client that hangs up at once (the server usually stores it
      // anyway, and its retry is then a replay). The seed decides all of it.
      const hangsUp = Array.from({ length: BURST }, () => random() < 0.3);
      const awaited = hangsUp.filter((hangUp) => !hangUp).length;
      const killAfterAnswers = Math.floor(random() * awaited);
      const killDelayMs = random() * oneRequestMs;
      let fire!: () => void;
      const killed = new Promise<void>((resolve) => (fire = resolve)).then(() => t.server.kill('SIGKILL'));
      let timer: NodeJS.Timeout | undefined;
      const arm = () => (timer = setTimeout(fire, killDelayMs));
      let awaitedDone = 0;
      if (killAfterAnswers === 0) arm();
      const round = await burst(roundNumber, hangsUp, () => {
        awaitedDone++;
        if (timer) fire();
        else if (awaitedDone === killAfterAnswers) arm();
      });
      await killed;
      clearTimeout(timer);
      figures.kills++;
      await t.server.restart();
      await checkRound(round);
      figures.rounds++;
    }
    context.diagnostic(`crash recovery: ${JSON.stringify(figures)}`);
    assert.ok(figures.cutOff > 0, 'no kill cut a request off: the bursts did not test anything');
  });

  it('resolves retries that found their key still claimed, once the claim has lapsed: one case each, never 409 for ever', async (context: TestContext) => {
    const deadline = performance.now() + LEASED_RETRY_DEADLINE_MS;
    let waiting = [...stillClaimed];
    while (waiting.length > 0) {
      assert.ok(performance.now() < deadline, `still 409 after ${LEASED_RETRY_DEADLINE_MS} ms: ${waiting.map((submission) => submission.marker).join(', ')}`);
      await delay(1000);
      const storedNow = await assertNothingLostOrDoubled();
      const outcomes = await Promise.all(waiting.map((submission) => retry(submission, storedNow.has(submission.marker))));
      waiting = waiting.filter((_, index) => outcomes[index] === 'claimed');
    }
    const caseOf = await assertNothingLostOrDoubled();
    // One at a time: receipts opened in parallel from one client all count against its guessing
    // limit before any right one gives its place back (the atomic limit of issue 14 item 8).
    for (const submission of stillClaimed) await assertFollowUpable(submission, caseOf.get(submission.marker)!);
    // In the end every submission has been answered, and every stored case has been checked whole.
    assert.deepEqual([...submissions.values()].filter((submission) => !submission.answer).map((submission) => submission.marker), []);
    assert.equal(caseOf.size, submissions.size);
    for (const [caseId, marker] of checkedCases) assertWhole(await getCase(caseId), submissions.get(marker)!);
    await assertDatabaseConsistent({ claimsMayRemain: false });
    context.diagnostic(`crash recovery, final: ${JSON.stringify({ ...figures, submissions: submissions.size, cases: caseOf.size })}`);
  });
});
