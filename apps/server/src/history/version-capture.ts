/**
 * When automatic versions are taken: once a page has been idle for VERSION_IDLE_S after changes,
 * at least every VERSION_MAX_S while editing goes on, and when its last connection closes.
 * Pages are only noted here (the sync queue must not wait); captures run one at a time per page.
 */
import type { Logger } from '../ops/logger.ts'

interface Pending {
  idle: NodeJS.Timeout
  max: NodeJS.Timeout
}

export class VersionCapture {
  private readonly pending = new Map<string, Pending>()
  private readonly running = new Map<string, Promise<void>>()
  private closed = false

  constructor(
    private readonly capture: (pageId: string) => Promise<unknown>,
    private readonly logger: Logger,
    private readonly idleMs: number,
    private readonly maxMs: number,
  ) {}

  /** A stored change of the page. */
  touch(pageId: string): void {
    if (this.closed) return
    const pending = this.pending.get(pageId)
    if (pending) {
      clearTimeout(pending.idle)
      pending.idle = this.timer(pageId, this.idleMs)
      return
    }
    this.pending.set(pageId, { idle: this.timer(pageId, this.idleMs), max: this.timer(pageId, this.maxMs) })
  }

  /** The page's last connection closed: a pending version is taken now. */
  lastConnectionClosed(pageId: string): void {
    if (this.pending.has(pageId)) void this.run(pageId)
  }

  /** Takes every pending version (shutdown). */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.pending.keys()].map((pageId) => this.run(pageId)))
    await Promise.all(this.running.values())
  }

  private timer(pageId: string, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => void this.run(pageId), ms)
    timer.unref()
    return timer
  }

  private run(pageId: string): Promise<void> {
    const pending = this.pending.get(pageId)
    if (pending) {
      clearTimeout(pending.idle)
      clearTimeout(pending.max)
      this.pending.delete(pageId)
    }
    const previous = this.running.get(pageId) ?? Promise.resolve()
    const task = previous
      .then(() => this.capture(pageId))
      .then(
        () => undefined,
        (error: unknown) => this.logger.error({ pageId, err: error }, 'version capture failed'),
      )
      .finally(() => {
        if (this.running.get(pageId) === task) this.running.delete(pageId)
      })
    this.running.set(pageId, task)
    return task
  }
}
