// Fixed-window rate limits, counted in the database so that a limit holds across every server
// instance on it (and across restarts). A window starts with the first hit on a key and lasts
// `windowMs`; a limited client waits until it ends (Retry-After), so nobody — the real reporter
// included — is locked out for good.
import type { Store } from '../storage/store.js';

export class RateLimiter {
  constructor(
    private readonly store: Pick<Store, 'hitRateLimit' | 'rateLimitWindow'>,
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
    return window && window.hits >= this.limit ? Math.max(1, Math.ceil((window.resetsAt - now) / 1000)) : undefined;
  }

  /** Counts one hit for `key`. */
  async hit(key: string): Promise<void> {
    await this.store.hitRateLimit(this.bucket(key), this.now(), this.windowMs);
  }

  private bucket(key: string): string {
    return `${this.name}:${key}`;
  }
}
