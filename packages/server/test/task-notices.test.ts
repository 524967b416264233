// Overdue protocol tasks in the content-free notices (issue 16 item 2): one mail per task when it
// becomes overdue, to the people of its group who may work the case, through a real SMTP server;
// time is an injected clock against a real store on the engine under test, never waited for.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDatabase } from '../../../test-support/reference-server.mjs';
import { deadlinesOnReceipt } from '../src/domain/deadlines.js';
import { SpecValidator } from '@weerbaar/spec/validation';
import { CHECK_IN_JOB, checkInHandler, checkInJob } from '../src/domain/check-ins.js';
import { JobRunner } from '../src/jobs/job-runner.js';
import { smtpTransport } from '../src/notifications/mail.js';
import { TASK_OVERDUE_JOB, taskOverdueHandler, taskOverdueJobs } from '../src/notifications/task-notices.js';
import { jobQueue } from '../src/storage/job-queue.js';
import { PeopleStore } from '../src/storage/people-store.js';
import { PostgresStore } from '../src/storage/postgres-store.js';
import { postgresDriver, sqliteDriver } from '../src/storage/sql-driver.js';
import { sqlRunnerFor } from '../src/storage/sql-runner.js';
import { SqliteStore } from '../src/storage/sqlite-store.js';
import type { Store, StoredCheckIn, StoredTask } from '../src/storage/store.js';
import { bodyOf, startSmtpInbox, subjectOf, type SmtpInbox } from './helpers/smtp-inbox.js';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-12-01T09:00:00.000Z');
const STEP_TITLE = 'Veiligheid thuis besproken';

describe(`overdue task notices (${testDatabase}), on an injected clock`, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let inbox: SmtpInbox;
  let runner: JobRunner;
  let now = T0;
  let counter = 0;

  before(async () => {
    if (testDatabase === 'postgres') {
      const database = await createTestDatabase();
      const opened = await PostgresStore.open(database.url);
      store = opened;
      dispose = async () => (await opened.close(), await database.drop());
    } else {
      const dir = await mkdtemp(join(tmpdir(), 'weerbaar-task-notices-'));
      const opened = await SqliteStore.open(dir);
      store = opened;
      dispose = async () => (await opened.close(), await rm(dir, { recursive: true, force: true }));
    }
    const people = new PeopleStore(store instanceof SqliteStore ? sqliteDriver(store.db) : postgresDriver((store as PostgresStore).pool));
    const at = new Date(T0).toISOString();
    await people.createAccount({ id: 'u_cor', displayName: 'cor', roles: ['handler'], groups: ['griffie'], email: 'cor@voorbeeldstad.example', createdAt: at });
    await people.createAccount({ id: 'u_mia', displayName: 'mia', roles: ['handler'], groups: ['mayors-office'], email: 'mia@voorbeeldstad.example', createdAt: at });
    inbox = await startSmtpInbox();
    const handler = taskOverdueHandler({
      getCase: (id) => store.getCase(id),
      tasks: (id) => store.tasks(id),
      groupRecipients: (id, group) => people.taskNoticeRecipients(id, group),
      caseRecipients: (id) => people.caseNoticeRecipients(id),
      settings: { recipients: ['integriteit@voorbeeldstad.example'] },
      organisation: 'Gemeente Voorbeeldstad',
      consoleUrl: () => 'https://meld.voorbeeldstad.example/behandelen',
      transport: smtpTransport(inbox.url, 'Meldpunt <meldpunt@voorbeeldstad.example>'),
      now: () => now,
    });
    const checkIns = checkInHandler({ store, spec: new SpecValidator(), now: () => new Date(now).toISOString() });
    runner = new JobRunner(jobQueue(sqlRunnerFor(store)), { [TASK_OVERDUE_JOB]: handler, [CHECK_IN_JOB]: checkIns }, { now: () => now, leaseMs: 60_000, pollMs: 1000, maxAttempts: 3 });
  });
  after(async () => {
    await inbox?.stop();
    await dispose?.();
  });

  const task = (stepId: string, ownerGroupId: string, dueInDays: number): StoredTask => ({
    taskId: `t_${stepId}${++counter}xxxxxxxx`,
    protocolId: 'threat-council-member',
    stepId,
    titles: { nl: STEP_TITLE, en: 'Safety at home discussed' },
    ownerGroupId,
    dueAt: new Date(T0 + dueInDays * DAY).toISOString(),
    visibleToReporter: true,
    status: 'open',
  });

  /** A council member's case (routed to the griffie) with its tasks and their overdue jobs, made in one transaction. */
  async function receive(tasks: StoredTask[], checkIns: StoredCheckIn[] = []): Promise<{ id: string; reference: string }> {
    const receivedAt = new Date(T0).toISOString();
    const id = `c_tasknotice${++counter}`;
    const stored = await store.createReport({
      case: { id, role: 'council-member', category: 'threat-intimidation', status: 'received', receivedAt, ...deadlinesOnReceipt(receivedAt), consents: [], content: { description: 'Geheim.' } },
      receiptHash: Buffer.alloc(32, counter),
      tasks,
      checkIns,
      jobs: [...taskOverdueJobs(id, tasks), ...checkIns.map((checkIn) => checkInJob(checkIn.checkInId, checkIn.dueAt, 'due'))],
    });
    return { id, reference: stored.reference };
  }

  /** Moves the clock to `at` and runs what is due; the mails about `reference` meanwhile. */
  async function advanceTo(at: number, reference: string) {
    const before = inbox.mails.length;
    now = at;
    while ((await runner.runDue()) > 0);
    return inbox.mails.slice(before).filter((mail) => subjectOf(mail).includes(reference));
  }

  it('mails the group once when its task becomes overdue: the reference and the console link, no title', async () => {
    now = T0;
    const c = await receive([task('safety-at-home', 'griffie', 1)]);
    assert.deepEqual(await advanceTo(T0 + DAY - 1, c.reference), [], 'nothing before the due time');
    const [mail, ...more] = await advanceTo(T0 + DAY, c.reference);
    assert.equal(more.length, 0);
    assert.equal(subjectOf(mail!), `[Weerbaar] Taak over tijd bij ${c.reference} / Task overdue`);
    assert.deepEqual(mail!.to, ['cor@voorbeeldstad.example'], 'the griffie, whose task it is');
    const body = bodyOf(mail!);
    assert.match(body, new RegExp(`Een taak bij zaak ${c.reference} is over tijd`));
    assert.match(body, new RegExp(`A task on case ${c.reference} is overdue`));
    assert.match(body, /https:\/\/meld\.voorbeeldstad\.example\/behandelen/);
    for (const secret of [STEP_TITLE, 'Safety at home', 'safety-at-home', 'Geheim', 'threat']) assert.ok(!mail!.raw.includes(secret), `no "${secret}" in the mail`);
    assert.deepEqual(await advanceTo(T0 + 30 * DAY, c.reference), [], 'once per task');
  });

  it('mails nothing about a task done in time or a closed case; a group without access falls back to the people who may work the case', async () => {
    now = T0;
    const done = task('police-report', 'griffie', 2);
    const elsewhere = task('agree-approach', 'mayors-office', 3);
    const c = await receive([done, elsewhere]);
    await store.setTaskStatus(c.id, { taskId: done.taskId, status: 'done', at: new Date(T0 + DAY).toISOString(), by: { kind: 'handler-token', name: 'test' } }, []);
    assert.deepEqual(await advanceTo(T0 + 2 * DAY, c.reference), [], 'the done task');
    const [mail] = await advanceTo(T0 + 3 * DAY, c.reference);
    assert.deepEqual(mail!.to, ['cor@voorbeeldstad.example'], "the mayor's office cannot open a griffie case: the griffie is told");
    const closed = await receive([task('monitoring', 'griffie', 5)]);
    await store.changeCase(closed.id, { set: { status: 'closed', outcome: 'no-action-needed' } });
    assert.deepEqual(await advanceTo(T0 + 10 * DAY, closed.reference), []);
  });

  it('an unanswered check-in becomes a task due within the hour, noticed once when it overruns, also after the case closed', async () => {
    now = T0;
    const checkIn: StoredCheckIn = { checkInId: `ci_notice${++counter}xxxxxx`, opensAt: new Date(T0 + DAY).toISOString(), dueAt: new Date(T0 + 2 * DAY).toISOString(), ownerGroupId: 'griffie' };
    const c = await receive([], [checkIn]);
    assert.deepEqual(await advanceTo(T0 + 2 * DAY, c.reference), [], 'the task is made at the due time, not yet overdue');
    const [made, ...others] = await store.tasks(c.id);
    assert.equal(others.length, 0);
    assert.equal(made!.dueAt, new Date(T0 + 2 * DAY + HOUR).toISOString(), 'due within the hour');
    await store.changeCase(c.id, { set: { status: 'closed', outcome: 'measures-taken' } });
    assert.deepEqual(await advanceTo(T0 + 2 * DAY + HOUR - 1, c.reference), []);
    const [mail, ...more] = await advanceTo(T0 + 2 * DAY + HOUR, c.reference);
    assert.equal(more.length, 0);
    assert.deepEqual(mail!.to, ['cor@voorbeeldstad.example'], "the check-in's group");
    for (const secret of ['Nazorg', 'Aftercare', 'check-in', 'Geheim']) assert.ok(!mail!.raw.includes(secret), `no "${secret}" in the mail`);
    assert.deepEqual(await advanceTo(T0 + 30 * DAY, c.reference), [], 'once per task');
  });
});
