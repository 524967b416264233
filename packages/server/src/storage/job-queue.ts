// The job table (migration 11) on either engine: scheduled work that runs once however many
// instances serve the database. The pattern of pg-boss, small: a job is claimed by one statement
// that marks it `claimed` with a fresh claim id and a lease; on PostgreSQL the candidate rows are
// locked `FOR UPDATE SKIP LOCKED`, so instances claiming at the same moment take different jobs
// and never wait for each other; on SQLite the one statement is one transaction of the one process
// that serves the file. A job whose lease ran out (its instance died or hung) is claimed again.
// Finishing needs the claim id: an instance that comes back after its lease ran out cannot finish
// or reschedule a job another instance claimed since.
import { randomUUID } from 'node:crypto';
import type { SqlRunner } from './sql-runner.js';

export interface NewJob {
  kind: string;
  /** One job per key: scheduling a key that exists does nothing. */
  key: string;
  payload: Record<string, unknown>;
  /** RFC 3339: not before. */
  runAt: string;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  runAt: string;
  /** Including this run. */
  attempts: number;
  claimId: string;
}

export type JobState = 'queued' | 'claimed' | 'done' | 'failed';

export interface JobRecord {
  key: string;
  kind: string;
  state: JobState;
  runAt: string;
  attempts: number;
  lastError?: string;
}

export interface JobQueue {
  enqueue(jobs: NewJob[], now: string): Promise<void>;
  /** Claims up to `limit` jobs due at `now` (queued from run_at, or claimed with a lease that ran out), leased until `leaseUntil`. */
  claim(now: string, leaseUntil: string, limit: number): Promise<ClaimedJob[]>;
  /** Marks the job done; false when the claim is no longer this one (the lease ran out and another took it). */
  complete(job: ClaimedJob, now: string): Promise<boolean>;
  /** Runs the job again at `runAt` (not a failure: its time has not come yet); false when the claim was lost. */
  reschedule(job: ClaimedJob, runAt: string): Promise<boolean>;
  /** Records a failed run: queued again at `retryAt`, or `failed` for good after `maxAttempts` runs. */
  fail(job: ClaimedJob, error: string, retryAt: string, maxAttempts: number, now: string): Promise<boolean>;
  /** Removes jobs finished before `before`. */
  purgeFinished(before: string): Promise<void>;
  /** Every job whose key starts with `prefix`, for the CLI and tests. */
  list(prefix: string): Promise<JobRecord[]>;
}

const CLAIM_LIMIT_MARK = '/*candidates*/';

export const JOB_SQL = {
  enqueue: `INSERT INTO jobs (id, kind, job_key, payload_json, state, run_at, created_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)
    ON CONFLICT (job_key) DO NOTHING`,
  /** The candidates' subquery ends in CLAIM_LIMIT_MARK, where PostgreSQL adds its row locks. */
  claim: `UPDATE jobs SET state = 'claimed', attempts = attempts + 1, claim_id = ?, lease_expires_at = ?
    WHERE id IN (
      SELECT id FROM jobs
      WHERE (state = 'queued' AND run_at <= ?) OR (state = 'claimed' AND lease_expires_at <= ?)
      ORDER BY run_at LIMIT ? ${CLAIM_LIMIT_MARK}
    )
    RETURNING id, kind, job_key, payload_json, run_at, attempts`,
  complete: `UPDATE jobs SET state = 'done', finished_at = ?, claim_id = NULL, lease_expires_at = NULL, last_error = NULL
    WHERE id = ? AND claim_id = ?`,
  reschedule: `UPDATE jobs SET state = 'queued', run_at = ?, attempts = 0, claim_id = NULL, lease_expires_at = NULL
    WHERE id = ? AND claim_id = ?`,
  fail: `UPDATE jobs SET
      state = CASE WHEN attempts >= ? THEN 'failed' ELSE 'queued' END,
      finished_at = CASE WHEN attempts >= ? THEN ? ELSE NULL END,
      run_at = ?, last_error = ?, claim_id = NULL, lease_expires_at = NULL
    WHERE id = ? AND claim_id = ?`,
  purgeFinished: 'DELETE FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ?',
  list: `SELECT job_key, kind, state, run_at, attempts, last_error FROM jobs WHERE substr(job_key, 1, ?) = ? ORDER BY run_at, job_key`,
} as const;

/** The values of JOB_SQL.enqueue for `job`. */
export function jobValues(job: NewJob, now: string): unknown[] {
  return [`j_${randomUUID()}`, job.kind, job.key, JSON.stringify(job.payload), job.runAt, now];
}

interface ClaimedRow {
  id: string;
  kind: string;
  job_key: string;
  payload_json: string;
  run_at: string;
  attempts: number;
}

interface ListedRow {
  job_key: string;
  kind: string;
  state: JobState;
  run_at: string;
  attempts: number;
  last_error: string | null;
}

function toClaimed(row: ClaimedRow, claimId: string): ClaimedJob {
  return { id: row.id, kind: row.kind, key: row.job_key, payload: JSON.parse(row.payload_json) as Record<string, unknown>, runAt: row.run_at, attempts: row.attempts, claimId };
}

function toRecord(row: ListedRow): JobRecord {
  return { key: row.job_key, kind: row.kind, state: row.state, runAt: row.run_at, attempts: row.attempts, ...(row.last_error ? { lastError: row.last_error } : {}) };
}

function failValues(job: ClaimedJob, error: string, retryAt: string, maxAttempts: number, now: string): unknown[] {
  return [maxAttempts, maxAttempts, now, retryAt, error.slice(0, 500), job.id, job.claimId];
}

class SqlJobQueue implements JobQueue {
  private readonly claimSql: string;

  constructor(private readonly engine: SqlRunner) {
    this.claimSql = JOB_SQL.claim.replace(CLAIM_LIMIT_MARK, engine.engine === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '');
  }

  async enqueue(jobs: NewJob[], now: string): Promise<void> {
    for (const job of jobs) await this.engine.run(JOB_SQL.enqueue, jobValues(job, now));
  }

  async claim(now: string, leaseUntil: string, limit: number): Promise<ClaimedJob[]> {
    const claimId = randomUUID();
    const rows = await this.engine.all<ClaimedRow>(this.claimSql, [claimId, leaseUntil, now, now, limit]);
    return rows.map((row) => toClaimed(row, claimId)).sort((a, b) => a.runAt.localeCompare(b.runAt));
  }

  async complete(job: ClaimedJob, now: string): Promise<boolean> {
    return (await this.engine.run(JOB_SQL.complete, [now, job.id, job.claimId])) === 1;
  }

  async reschedule(job: ClaimedJob, runAt: string): Promise<boolean> {
    return (await this.engine.run(JOB_SQL.reschedule, [runAt, job.id, job.claimId])) === 1;
  }

  async fail(job: ClaimedJob, error: string, retryAt: string, maxAttempts: number, now: string): Promise<boolean> {
    return (await this.engine.run(JOB_SQL.fail, failValues(job, error, retryAt, maxAttempts, now))) === 1;
  }

  async purgeFinished(before: string): Promise<void> {
    await this.engine.run(JOB_SQL.purgeFinished, [before]);
  }

  async list(prefix: string): Promise<JobRecord[]> {
    return (await this.engine.all<ListedRow>(JOB_SQL.list, [prefix.length, prefix])).map(toRecord);
  }
}

/** The job table of the database `runner` works on. */
export function jobQueue(runner: SqlRunner): JobQueue {
  return new SqlJobQueue(runner);
}
