// Runs the jobs of the job table (storage/job-queue.ts) on every instance: each poll claims a
// small batch, runs each job's handler and records the outcome. Which instance runs a job does
// not matter; that only one does is the claim's work. The clock is injected, so tests move time
// instead of waiting, and `runDue()` runs one poll on demand.
import type { ClaimedJob, JobQueue } from '../storage/job-queue.js';

/** What a handler decided: done, or not yet (run again at `runAt`, not counted as a failure). */
export type JobOutcome = { done: true } | { later: string };

export const DONE: JobOutcome = { done: true };

export type JobHandler = (job: ClaimedJob) => Promise<JobOutcome>;

export interface JobRunnerOptions {
  /** Milliseconds since the epoch. */
  now: () => number;
  /** How long a claimed job is an instance's alone; longer than any handler may take. */
  leaseMs: number;
  /** How often an idle runner looks for due jobs. */
  pollMs: number;
  /** Runs before a failing job is given up. */
  maxAttempts: number;
  /** Kinds with pauses of their own between runs (a contract's retry schedule): given up after the last. */
  retrySchedules?: Readonly<Record<string, readonly number[]>>;
  /** Jobs claimed per poll. */
  batchSize?: number;
  /** Finished jobs are kept this long (for the CLI), then removed. */
  keepFinishedMs?: number;
  /** Told about failures, without the job's payload (it may name a case, never content). */
  log?: (message: string) => void;
}

const DEFAULT_BATCH = 10;
const DEFAULT_KEEP_FINISHED_MS = 30 * 24 * 3600 * 1000;
/** Retries wait 30 s, 1, 2, 4 … minutes, at most an hour. */
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 3600_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(
    private readonly queue: JobQueue,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    private readonly options: JobRunnerOptions,
  ) {}

  private iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  /** Claims the jobs due now and runs them; answers how many ran. */
  async runDue(): Promise<number> {
    const now = this.options.now();
    const jobs = await this.queue.claim(this.iso(now), this.iso(now + this.options.leaseMs), this.options.batchSize ?? DEFAULT_BATCH);
    for (const job of jobs) await this.runOne(job);
    return jobs.length;
  }

  private async runOne(job: ClaimedJob): Promise<void> {
    const handler = this.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for jobs of kind ${job.kind}`);
      const outcome = await handler(job);
      if ('later' in outcome) await this.queue.reschedule(job, outcome.later);
      else await this.queue.complete(job, this.iso(this.options.now()));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const now = this.options.now();
      const schedule = this.options.retrySchedules?.[job.kind];
      const maxAttempts = schedule ? schedule.length + 1 : this.options.maxAttempts;
      const delay = schedule ? (schedule[job.attempts - 1] ?? 0) : retryDelayMs(job.attempts);
      const givenUp = job.attempts >= maxAttempts;
      this.options.log?.(`job ${job.kind} ${job.id} failed (run ${job.attempts} of ${maxAttempts}${givenUp ? ', given up' : ''}): ${message}`);
      await this.queue.fail(job, message, this.iso(now + delay), maxAttempts, this.iso(now)).catch(() => undefined);
    }
  }

  /** Polls until stop(): at once while jobs keep coming, else every pollMs. A failed poll (database away) is retried next time. */
  start(): void {
    this.stopped = false;
    let lastPurge = 0;
    const poll = async () => {
      let ran = 0;
      try {
        ran = await this.runDue();
        const now = this.options.now();
        if (now - lastPurge > 3600_000) {
          lastPurge = now;
          await this.queue.purgeFinished(this.iso(now - (this.options.keepFinishedMs ?? DEFAULT_KEEP_FINISHED_MS)));
        }
      } catch (error) {
        this.options.log?.(`job poll failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (this.stopped) return;
      this.timer = setTimeout(tick, ran > 0 ? 0 : this.options.pollMs);
      this.timer.unref();
    };
    const tick = () => {
      this.running = poll();
    };
    tick();
  }

  /** Stops polling and waits for the jobs in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
