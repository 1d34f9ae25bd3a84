/**
 * Keeps derived rows current without working on every keystroke: a page is derived once its
 * edits pause for `quietMs`, and at the latest `maxWaitMs` after its first pending edit, so a
 * page typed into without pause is still searchable within seconds. One derivation per page at
 * a time; edits made during one schedule the next.
 */
import type { Logger } from '../ops/logger.ts'

export interface DeriveSchedulerOptions {
  quietMs: number
  maxWaitMs: number
}

interface Pending {
  firstAt: number
  lastAt: number
  timer: NodeJS.Timeout | null
}

export class DeriveScheduler {
  private readonly pending = new Map<string, Pending>()
  private readonly running = new Map<string, Promise<void>>()
  private closed = false

  /** Pages waiting for their derivation (each holds a timer). */
  get pendingCount(): number {
    return this.pending.size
  }

  constructor(
    private readonly derive: (pageId: string) => Promise<void>,
    private readonly logger: Logger,
    private readonly options: DeriveSchedulerOptions = { quietMs: 1000, maxWaitMs: 4000 },
  ) {}

  /** Notes that a page changed. Cheap: called once per accepted update. */
  touch(pageId: string): void {
    if (this.closed) return
    const now = Date.now()
    const entry = this.pending.get(pageId)
    if (entry) {
      entry.lastAt = now
      return
    }
    const fresh: Pending = { firstAt: now, lastAt: now, timer: null }
    this.pending.set(pageId, fresh)
    this.arm(pageId, fresh, this.options.quietMs)
  }

  private arm(pageId: string, entry: Pending, delayMs: number): void {
    entry.timer = setTimeout(() => this.fire(pageId, entry), delayMs)
    entry.timer.unref()
  }

  /** The timer checks whether edits went on meanwhile instead of being reset on each one. */
  private fire(pageId: string, entry: Pending): void {
    const now = Date.now()
    const quietAt = entry.lastAt + this.options.quietMs
    const deadline = entry.firstAt + this.options.maxWaitMs
    if (now < quietAt && now < deadline) {
      this.arm(pageId, entry, Math.min(quietAt, deadline) - now)
      return
    }
    if (this.running.has(pageId)) {
      // Derive again once the current run ends, with what it did not see.
      this.arm(pageId, entry, this.options.quietMs)
      return
    }
    this.pending.delete(pageId)
    void this.run(pageId)
  }

  /** Derives now (outside the debounce), e.g. for a page created by the server. */
  run(pageId: string): Promise<void> {
    const current = this.running.get(pageId)
    if (current) return current.then(() => this.run(pageId))
    const task = this.derive(pageId)
      .catch((error: unknown) => this.logger.error({ pageId, err: error }, 'derive failed'))
      .finally(() => this.running.delete(pageId))
    this.running.set(pageId, task)
    return task
  }

  /**
   * Derives now the named pages (every page if none are named) that have edits pending, and waits
   * for derivations under way: for readers that need derived rows exactly current.
   */
  async flush(pageIds?: string[]): Promise<void> {
    const ids = pageIds ?? [...this.pending.keys(), ...this.running.keys()]
    await Promise.all(
      [...new Set(ids)].map((id) => {
        const entry = this.pending.get(id)
        if (entry) {
          if (entry.timer) clearTimeout(entry.timer)
          this.pending.delete(id)
          return this.run(id)
        }
        return this.running.get(id)
      }),
    )
  }

  /** Derives everything pending at once and stops scheduling (shutdown). */
  async close(): Promise<void> {
    this.closed = true
    const ids = [...this.pending.keys()]
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer)
    this.pending.clear()
    await Promise.allSettled([...this.running.values(), ...ids.map((id) => this.run(id))])
  }
}
