/**
 * Work on a page that follows its edits without running on every keystroke: the work runs once
 * the page's edits pause for `quietMs`, and at the latest `maxWaitMs` after its first pending
 * edit, so a page typed into without pause is still handled within that time. One run per page
 * at a time; edits made during one schedule the next. Derived rows (search, links, coded
 * passages) and automatic versions are both scheduled this way.
 *
 * Timed runs take turns: at most `maxRunning` at once, the next one started from its own turn of
 * the event loop. Many pages typed into at once reach their deadline together; run back to back
 * (on SQLite a run never waits on I/O) they held the event loop for every page in one go, and
 * the sync messages waiting meanwhile saw it as latency. Runs asked for directly (`run`, `flush`)
 * do not wait their turn.
 */
import type { Logger } from '../ops/logger.ts'

export interface PageSchedulerOptions {
  quietMs: number
  maxWaitMs: number
  /** Names the work in logs ("derive", "version capture"). */
  what: string
  /** Timed runs under way at once (2 unless said). */
  maxRunning?: number
}

interface Pending {
  firstAt: number
  lastAt: number
  timer: NodeJS.Timeout | null
  /** Due, waiting in `due` for a turn. */
  queued: boolean
}

export class PageScheduler {
  private readonly pending = new Map<string, Pending>()
  private readonly running = new Map<string, Promise<void>>()
  /** Pages whose time came, in order, waiting for a turn. */
  private readonly due: string[] = []
  private timedRunning = 0
  private nextScheduled = false
  private closed = false

  /** Pages waiting for their run (each holds a timer, or waits for its turn). */
  get pendingCount(): number {
    return this.pending.size
  }

  constructor(
    private readonly work: (pageId: string) => Promise<unknown>,
    private readonly logger: Logger,
    private readonly options: PageSchedulerOptions,
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
    const fresh: Pending = { firstAt: now, lastAt: now, timer: null, queued: false }
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
      // Run again once the current run ends, with what it did not see.
      this.arm(pageId, entry, this.options.quietMs)
      return
    }
    entry.timer = null
    entry.queued = true
    this.due.push(pageId)
    this.startNext()
  }

  /** Starts the next due page from a turn of its own, while fewer than `maxRunning` run. */
  private startNext(): void {
    if (this.nextScheduled || this.due.length === 0) return
    if (this.timedRunning >= (this.options.maxRunning ?? 2)) return
    this.nextScheduled = true
    setImmediate(() => {
      this.nextScheduled = false
      const pageId = this.due.shift()
      if (pageId === undefined) return
      const entry = this.pending.get(pageId)
      // Flushed meanwhile (and maybe touched again since, with a timer of its own): nothing to do.
      if (!entry?.queued) return this.startNext()
      if (this.running.has(pageId)) {
        // A direct run of it is under way: come back once it has seen everything.
        entry.queued = false
        this.arm(pageId, entry, this.options.quietMs)
        return this.startNext()
      }
      this.pending.delete(pageId)
      this.timedRunning += 1
      void this.run(pageId).finally(() => {
        this.timedRunning -= 1
        this.startNext()
      })
      this.startNext()
    })
  }

  /** Runs now (outside the debounce), e.g. for a page created by the server. */
  run(pageId: string): Promise<void> {
    const current = this.running.get(pageId)
    if (current) return current.then(() => this.run(pageId))
    const task = this.work(pageId)
      .then(
        () => undefined,
        (error: unknown) => this.logger.error({ pageId, err: error }, `${this.options.what} failed`),
      )
      .finally(() => this.running.delete(pageId))
    this.running.set(pageId, task)
    return task
  }

  /**
   * Runs now for the named pages (every page if none are named) that have edits pending, and waits
   * for runs under way: for readers that need derived rows exactly current, or a page everyone left.
   */
  async flush(pageIds?: string[]): Promise<void> {
    const ids = pageIds ?? [...this.pending.keys(), ...this.running.keys()]
    await Promise.all(
      [...new Set(ids)].map((id) => {
        const entry = this.pending.get(id)
        if (entry) {
          if (entry.timer) clearTimeout(entry.timer)
          // Its place in `due`, if it has one, is skipped when reached.
          this.pending.delete(id)
          return this.run(id)
        }
        return this.running.get(id)
      }),
    )
  }

  /** Runs everything pending at once and stops scheduling (shutdown). */
  async close(): Promise<void> {
    this.closed = true
    const ids = [...this.pending.keys()]
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer)
    this.pending.clear()
    this.due.length = 0
    await Promise.allSettled([...this.running.values(), ...ids.map((id) => this.run(id))])
  }
}
