/**
 * Fixed-window counters of failed attempts. `RateLimiter` keeps them in memory (one process);
 * with several instances the composition root gives a limiter shared through Redis
 * (cluster/redis-rate-limit.ts), which has the same shape.
 */
export interface LoginLimiter {
  /** Seconds to wait when `key` is over its limit, else 0. */
  retryAfter(key: string): number | Promise<number>
  record(key: string): void | Promise<void>
  reset(key: string): void | Promise<void>
}

export class RateLimiter implements LoginLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds to wait when `key` is over its limit, else 0. */
  retryAfter(key: string, now = Date.now()): number {
    const entry = this.hits.get(key)
    if (!entry || entry.resetAt <= now || entry.count < this.limit) return 0
    return Math.ceil((entry.resetAt - now) / 1000)
  }

  record(key: string, now = Date.now()): void {
    const entry = this.hits.get(key)
    if (!entry || entry.resetAt <= now) this.hits.set(key, { count: 1, resetAt: now + this.windowMs })
    else entry.count += 1
    if (this.hits.size > 10_000) this.sweep(now)
  }

  reset(key: string): void {
    this.hits.delete(key)
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key)
  }
}
