// Failed sign-ins (passkey, enrolment, OpenID) are limited per client and in total. The attempt is
// counted BEFORE it is checked, in one atomic upsert (Store.hitRateLimit), and refunded when it
// succeeds: a parallel burst of wrong attempts cannot all pass a check before any is counted.
import type { ServerContext } from '../context.js';
import { ProblemError } from '../http/problems.js';

export type SignInMethod = 'passkey' | 'enrolment' | 'oidc';

export class SignInAttempt {
  private readonly buckets: string[];

  private constructor(
    private readonly context: ServerContext,
    clientKey: string,
  ) {
    this.buckets = [`sign-in-failures-per-client:${clientKey}`, 'sign-in-failures-total:all'];
  }

  /** Counts an attempt; 429 when the client or everyone together is over the limit (the attempt stays counted). */
  static async begin(context: ServerContext, clientKey: string): Promise<SignInAttempt> {
    const attempt = new SignInAttempt(context, clientKey);
    const { signIn } = context.config.caseManagement;
    const limits = [signIn.maxFailuresPerClient, signIn.maxFailuresTotal];
    const nowMs = Date.parse(context.now());
    const windowMs = context.config.rateLimitWindowSeconds * 1000;
    let retryAfterSeconds: number | undefined;
    for (const [index, bucket] of attempt.buckets.entries()) {
      const window = await context.store.hitRateLimit(bucket, nowMs, windowMs);
      if (window.hits > limits[index]!) retryAfterSeconds = Math.max(retryAfterSeconds ?? 1, Math.ceil((window.resetsAt - nowMs) / 1000));
    }
    if (retryAfterSeconds !== undefined) throw new ProblemError('rate-limited', { retryAfterSeconds });
    return attempt;
  }

  /** The attempt succeeded: it does not count as a failure. */
  async succeeded(): Promise<void> {
    for (const bucket of this.buckets) await this.context.people.refundRateLimit(bucket);
  }
}
