// Failed sign-ins (passkey, enrolment, OpenID) are limited per client and in total. The attempt is
// counted BEFORE it is checked, in one atomic step with the limit check (RateLimiter.take), and
// given back when it succeeds: a parallel burst of wrong attempts cannot all pass a check before
// any is counted.
import type { ServerContext } from '../context.js';
import { ProblemError } from '../http/problems.js';
import { RateLimiter, type TakenHit } from './rate-limiter.js';

export type SignInMethod = 'passkey' | 'enrolment' | 'oidc';

export class SignInAttempt {
  private constructor(private readonly hits: readonly TakenHit[]) {}

  /** Counts an attempt; 429 when the client or everyone together is over the limit (nothing counted then). */
  static async begin(context: ServerContext, clientKey: string): Promise<SignInAttempt> {
    const { signIn } = context.config.caseManagement;
    const windowMs = context.config.rateLimitWindowSeconds * 1000;
    const now = () => Date.parse(context.now());
    const limits: Array<[RateLimiter, string]> = [
      [new RateLimiter(context.store, 'sign-in-failures-per-client', signIn.maxFailuresPerClient, windowMs, now), clientKey],
      [new RateLimiter(context.store, 'sign-in-failures-total', signIn.maxFailuresTotal, windowMs, now), 'all'],
    ];
    const hits: TakenHit[] = [];
    for (const [limiter, key] of limits) {
      const result = await limiter.take(key);
      if (!result.taken) {
        for (const hit of hits) await hit.giveBack();
        throw new ProblemError('rate-limited', { retryAfterSeconds: result.retryAfterSeconds });
      }
      hits.push(result.hit);
    }
    return new SignInAttempt(hits);
  }

  /** The attempt succeeded: it does not count as a failure. */
  async succeeded(): Promise<void> {
    for (const hit of this.hits) await hit.giveBack();
  }
}
