// Fixed-window rate limits, counted in the database so that a limit holds across every server
// instance on it (and across restarts). A window starts with the first hit on a key and lasts
// `windowMs`; a limited client waits until it ends (Retry-After), so nobody — the real reporter
// included — is locked out for good.
//
// A hit is taken before the work it limits, in one atomic step with the check: a check followed
// later by a count let a parallel burst of wrong receipts all pass the check before any of them
// was counted (issue 14, item 8). Work that turns out not to count (a right receipt) gives its
// hit back.
import type { Store } from '../storage/store.js';

/** A hit that was taken; `giveBack` undoes it (at most once; nothing when its window is over). */
export interface TakenHit {
  giveBack(): Promise<void>;
}

export type TakeResult = { taken: true; hit: TakenHit } | { taken: false; retryAfterSeconds: number };

/** A refusal races with its window ending; after this many tries the key is taken to be over its limit. */
const TAKE_ATTEMPTS = 3;

export class RateLimiter {
  constructor(
    private readonly store: Pick<Store, 'takeRateLimit' | 'returnRateLimit' | 'rateLimitWindow'>,
    /** Keeps the keys of different limits apart in the one counter table. */
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait when `key` is over its limit, otherwise undefined. Does not count. */
  async retryAfter(key: string): Promise<number | undefined> {
    const now = this.now();
    const window = await this.store.rateLimitWindow(this.bucket(key), now);
    return window && window.hits >= this.limit ? this.secondsUntil(window.resetsAt, now) : undefined;
  }

  /** Counts one hit for `key` if it is under its limit, else tells how long to wait (nothing counted). */
  async take(key: string): Promise<TakeResult> {
    const bucket = this.bucket(key);
    for (let attempt = 1; ; attempt++) {
      const now = this.now();
      const window = await this.store.takeRateLimit(bucket, now, this.windowMs, this.limit);
      if (window) {
        let given = false;
        const giveBack = async () => {
          if (given) return;
          given = true;
          await this.store.returnRateLimit(bucket, window.resetsAt);
        };
        return { taken: true, hit: { giveBack } };
      }
      const running = await this.store.rateLimitWindow(bucket, now);
      if (running) return { taken: false, retryAfterSeconds: this.secondsUntil(running.resetsAt, now) };
      // The full window ended between the two statements: try again in the new one.
      if (attempt >= TAKE_ATTEMPTS) return { taken: false, retryAfterSeconds: 1 };
    }
  }

  private secondsUntil(resetsAt: number, now: number): number {
    return Math.max(1, Math.ceil((resetsAt - now) / 1000));
  }

  private bucket(key: string): string {
    return `${this.name}:${key}`;
  }
}
