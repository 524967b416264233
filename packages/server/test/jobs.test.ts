// The job table and its runner (issue 14, item 9) on the engine under test (PostgreSQL in the
// "server on PostgreSQL" suite of npm test). Time is a variable here: no test waits for a clock.
// That three server processes deliver one reminder once, and that another picks up a killed
// instance's job, is in multi-instance.test.ts.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDatabase } from '../../../test-support/reference-server.mjs';
import { DONE, JobRunner, retryDelayMs, type JobHandler } from '../src/jobs/job-runner.js';
import { jobQueue, type ClaimedJob, type JobQueue } from '../src/storage/job-queue.js';
import { PostgresStore } from '../src/storage/postgres-store.js';
import { postgresRunner, sqliteRunner } from '../src/storage/sql-runner.js';
import { SqliteStore } from '../src/storage/sqlite-store.js';

const T0 = Date.parse('2026-12-01T09:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();
const MINUTE = 60_000;

/** `count` job queues on one fresh database: separate connection pools on PostgreSQL, as separate instances have. */
async function openQueues(count: number): Promise<{ queues: JobQueue[]; dispose(): Promise<void> }> {
  if (testDatabase === 'postgres') {
    const database = await createTestDatabase();
    const stores: PostgresStore[] = [];
    for (let i = 0; i < count; i++) stores.push(await PostgresStore.open(database.url, { maxConnections: 3 }));
    return {
      queues: stores.map((store) => jobQueue(postgresRunner(store.pool))),
      dispose: async () => {
        for (const store of stores) await store.close();
        await database.drop();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'weerbaar-jobs-'));
  const store = await SqliteStore.open(dir);
  const queue = jobQueue(sqliteRunner(store.db));
  return { queues: Array.from({ length: count }, () => queue), dispose: async () => (await store.close(), await rm(dir, { recursive: true, force: true })) };
}

describe(`the job table (${testDatabase})`, () => {
  let opened: Awaited<ReturnType<typeof openQueues>>;
  let queue: JobQueue;
  let prefix = 0;
  /** Keys of their own per test: the tests share one database. */
  const keys = () => `t${++prefix}:`;
  before(async () => {
    opened = await openQueues(3);
    queue = opened.queues[0]!;
  });
  after(() => opened.dispose());

  it('schedules a key once, and hands out only jobs that are due', async () => {
    const k = keys();
    await queue.enqueue([{ kind: 'test', key: `${k}a`, payload: { n: 1 }, runAt: at(T0) }], at(T0));
    await queue.enqueue([{ kind: 'test', key: `${k}a`, payload: { n: 2 }, runAt: at(T0 - MINUTE) }], at(T0));
    await queue.enqueue([{ kind: 'test', key: `${k}later`, payload: {}, runAt: at(T0 + MINUTE) }], at(T0));
    const claimed = await queue.claim(at(T0), at(T0 + MINUTE), 10);
    assert.deepEqual(claimed.filter((job) => job.key.startsWith(k)).map((job) => [job.key, job.payload, job.attempts]), [[`${k}a`, { n: 1 }, 1]]);
    assert.ok(await queue.complete(claimed.find((job) => job.key === `${k}a`)!, at(T0)));
    assert.deepEqual((await queue.list(k)).map((job) => [job.key, job.state]), [[`${k}a`, 'done'], [`${k}later`, 'queued']]);
    await queue.enqueue([{ kind: 'test', key: `${k}a`, payload: {}, runAt: at(T0) }], at(T0));
    assert.equal((await queue.claim(at(T0), at(T0 + MINUTE), 10)).filter((job) => job.key.startsWith(k)).length, 0, 'a done key is not scheduled again');
  });

  it('claims a job again once the lease of an instance that went silent ran out; the silent one can then neither finish nor reschedule it', async () => {
    const k = keys();
    await queue.enqueue([{ kind: 'test', key: `${k}mail`, payload: {}, runAt: at(T0) }], at(T0));
    const [first] = (await queue.claim(at(T0), at(T0 + MINUTE), 10)).filter((job) => job.key.startsWith(k));
    assert.ok(first);
    assert.equal((await opened.queues[1]!.claim(at(T0 + MINUTE - 1), at(T0 + 2 * MINUTE), 10)).filter((job) => job.key.startsWith(k)).length, 0, 'not while leased');
    const [second] = (await opened.queues[1]!.claim(at(T0 + MINUTE), at(T0 + 2 * MINUTE), 10)).filter((job) => job.key.startsWith(k));
    assert.equal(second?.attempts, 2, 'claimed again after the lease, as a second run');
    assert.equal(await queue.complete(first, at(T0 + MINUTE)), false, 'the first claim is void');
    assert.equal(await queue.reschedule(first, at(T0 + 5 * MINUTE)), false);
    assert.equal(await opened.queues[1]!.complete(second!, at(T0 + MINUTE)), true);
  });

  it('retries a failed job from its retry time and gives it up after the last attempt', async () => {
    const k = keys();
    await queue.enqueue([{ kind: 'test', key: `${k}x`, payload: {}, runAt: at(T0) }], at(T0));
    let now = T0;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const [job] = (await queue.claim(at(now), at(now + MINUTE), 10)).filter((candidate) => candidate.key.startsWith(k));
      assert.equal(job?.attempts, attempt);
      assert.ok(await queue.fail(job!, 'SMTP 451', at(now + retryDelayMs(attempt)), 2, at(now)));
      assert.equal((await queue.claim(at(now + retryDelayMs(attempt) - 1), at(now + MINUTE), 10)).filter((c) => c.key.startsWith(k)).length, 0);
      now += retryDelayMs(attempt);
    }
    assert.deepEqual(await queue.list(k), [{ key: `${k}x`, kind: 'test', state: 'failed', runAt: at(T0 + retryDelayMs(1) + retryDelayMs(2)), attempts: 2, lastError: 'SMTP 451' }]);
  });

  it('gives each of 60 due jobs to exactly one of three instances claiming at the same time', async () => {
    const k = keys();
    await queue.enqueue(Array.from({ length: 60 }, (_, i) => ({ kind: 'test', key: `${k}${String(i).padStart(2, '0')}`, payload: { i }, runAt: at(T0) })), at(T0));
    const claims: ClaimedJob[][] = [[], [], []];
    await Promise.all(
      opened.queues.map(async (instance, index) => {
        for (;;) {
          const batch = (await instance.claim(at(T0), at(T0 + MINUTE), 4)).filter((job) => job.key.startsWith(k));
          if (batch.length === 0) return;
          claims[index]!.push(...batch);
          for (const job of batch) await instance.complete(job, at(T0));
        }
      }),
    );
    const all = claims.flat().map((job) => job.key).sort();
    assert.equal(all.length, 60, 'no job was claimed twice');
    assert.equal(new Set(all).size, 60, 'and none was missed');
    if (testDatabase === 'postgres') assert.ok(claims.filter((batch) => batch.length > 0).length >= 2, `the instances shared the work: ${claims.map((batch) => batch.length).join(', ')}`);
  });
});

describe(`the job runner (${testDatabase})`, () => {
  let opened: Awaited<ReturnType<typeof openQueues>>;
  before(async () => {
    opened = await openQueues(1);
  });
  after(() => opened.dispose());

  it('runs a job when its time comes, reschedules what is not due yet, and retries a failure later, all on an injected clock', async () => {
    let now = T0;
    const ran: string[] = [];
    let failures = 1;
    const handlers: Record<string, JobHandler> = {
      note: async (job) => (ran.push(job.key), DONE),
      wait: async (job) => (now < T0 + 10 * MINUTE ? { later: at(T0 + 10 * MINUTE) } : (ran.push(job.key), DONE)),
      flaky: async (job) => {
        if (failures-- > 0) throw new Error('mail server away');
        ran.push(job.key);
        return DONE;
      },
    };
    const logged: string[] = [];
    const runner = new JobRunner(opened.queues[0]!, handlers, { now: () => now, leaseMs: MINUTE, pollMs: 1000, maxAttempts: 3, log: (line) => logged.push(line) });
    await opened.queues[0]!.enqueue(
      [
        { kind: 'note', key: 'r:note', payload: {}, runAt: at(T0 + MINUTE) },
        { kind: 'wait', key: 'r:wait', payload: {}, runAt: at(T0) },
        { kind: 'flaky', key: 'r:flaky', payload: {}, runAt: at(T0) },
      ],
      at(T0),
    );
    assert.equal(await runner.runDue(), 2);
    assert.deepEqual(ran, []);
    assert.match(logged[0]!, /job flaky \S+ failed \(run 1 of 3\): mail server away/);
    now = T0 + MINUTE;
    await runner.runDue();
    assert.deepEqual(ran, ['r:flaky', 'r:note'], 'the flaky job ran again after its first retry delay (30 s), in order of time');
    now = T0 + 10 * MINUTE;
    await runner.runDue();
    assert.deepEqual(ran, ['r:flaky', 'r:note', 'r:wait']);
    assert.deepEqual((await opened.queues[0]!.list('r:')).map((job) => job.state), ['done', 'done', 'done']);
  });
});
