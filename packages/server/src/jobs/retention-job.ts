// Retention as a daily job: one row in the job table for the whole installation (its key is
// fixed, so every instance may enqueue it at start and only the first counts), claimed by one
// instance at a time, which deletes the closed cases whose date has come (domain/retention.ts)
// and sets it for the next day. No timer of an instance: three instances delete once.
import { runRetention } from '../domain/retention.js';
import type { NewJob } from '../storage/job-queue.js';
import type { JobHandler } from './job-runner.js';

export const RETENTION_JOB = 'retention';
const DAY_MS = 24 * 3600 * 1000;
/** A run that failed (the database briefly away) is tried again this much later, not a day later. */
const AFTER_FAILURE_MS = 3600 * 1000;

/** The installation's one retention job, due now when it does not exist yet. */
export function retentionJob(now: string): NewJob {
  return { kind: RETENTION_JOB, key: 'retention:daily', payload: {}, runAt: now };
}

/**
 * Runs retention and answers when to run next. A failure is rescheduled rather than failed, so
 * that a bad night never stops deletion for good.
 */
export function retentionHandler(context: Parameters<typeof runRetention>[0], log: (message: string) => void): JobHandler {
  return async () => {
    const at = Date.parse(context.now());
    try {
      const run = await runRetention(context);
      log(`retention: ${run.deleted.length} closed case(s) deleted, ${run.kept} kept, ${run.dilemmasDeleted} shared dilemma(s) deleted`);
      return { later: new Date(at + DAY_MS).toISOString() };
    } catch (error) {
      log(`retention failed, tried again in an hour: ${error instanceof Error ? error.message : String(error)}`);
      return { later: new Date(at + AFTER_FAILURE_MS).toISOString() };
    }
  };
}
