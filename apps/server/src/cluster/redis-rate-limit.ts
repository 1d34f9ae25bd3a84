/**
 * Sign-in limits shared by every instance (REDIS_URL): one fixed-window counter per key in Redis
 * (`<prefix>:limit:<name>:<sha256 of the key>`, so no email address is stored there), counted with
 * INCR and given its window's expiry on the first failure. While Redis is away each instance falls
 * back to its own in-memory counters: limits stay enforced, per instance, until it is back.
 */
import { createHash } from 'node:crypto'
import type { RedisCluster } from './redis-cluster.ts'

/** The shape of the accounts feature's limiter (accounts/rate-limit.ts), which this one replaces. */
export interface Limiter {
  retryAfter(key: string): number | Promise<number>
  record(key: string): void | Promise<void>
  reset(key: string): void | Promise<void>
}

export class RedisRateLimiter implements Limiter {
  constructor(
    private readonly cluster: RedisCluster,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly fallback: Limiter,
  ) {}

  private key(key: string): string {
    return `${this.cluster.prefix}:limit:${this.name}:${createHash('sha256').update(key).digest('hex')}`
  }

  async retryAfter(key: string): Promise<number> {
    try {
      const [[, count], [, ttl]] = (await this.cluster.pub
        .multi()
        .get(this.key(key))
        .pttl(this.key(key))
        .exec()) as [[unknown, string | null], [unknown, number]]
      if (Number(count ?? 0) < this.limit || ttl <= 0) return 0
      return Math.ceil(ttl / 1000)
    } catch {
      return this.fallback.retryAfter(key)
    }
  }

  async record(key: string): Promise<void> {
    try {
      await this.cluster.pub.multi().incr(this.key(key)).pexpire(this.key(key), this.windowMs, 'NX').exec()
    } catch {
      await this.fallback.record(key)
    }
  }

  async reset(key: string): Promise<void> {
    await this.fallback.reset(key)
    await this.cluster.pub.del(this.key(key)).catch(() => 0)
  }
}
