// Fixed-window counters in memory, per key. A limited client waits until its window ends
// (Retry-After), so nobody — the real reporter included — is locked out for good. Counters
// reset on restart; that is acceptable for throttling guesses at 100-bit receipts.
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait when `key` is over its limit, otherwise undefined. Does not count. */
  retryAfter(key: string): number | undefined {
    const window = this.current(key);
    return window && window.count >= this.limit ? Math.max(1, Math.ceil((window.resetAt - this.now()) / 1000)) : undefined;
  }

  /** Counts one hit for `key`. */
  hit(key: string): void {
    const window = this.current(key);
    if (window) window.count++;
    else this.windows.set(key, { count: 1, resetAt: this.now() + this.windowMs });
    if (this.windows.size > 100_000) this.sweep();
  }

  private current(key: string): { count: number; resetAt: number } | undefined {
    const window = this.windows.get(key);
    if (window && window.resetAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
