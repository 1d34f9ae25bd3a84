/**
 * Derived passage data: after a page body changes, re-resolve its passages' anchors against the
 * stored document and write their current text, position and detached state. Debounced per page
 * (a burst of typing costs one pass); readers that need exact data call `flush` first.
 */
import type { Kysely } from 'kysely'
import { BODY_FRAGMENT, flattenBody, resolvePassage } from '../anchors/text-anchors.ts'
import type { Logger } from '../ops/logger.ts'
import type { Database } from '../store/schema.ts'
import type { PageDocs } from '../sync/page-docs.ts'

export class PassageDeriver {
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly running = new Map<string, Promise<void>>()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bodies: PageDocs,
    private readonly logger: Logger,
    /** Called when a page's passages changed (text, position or detached). */
    private readonly onChanged: (workspaceId: string, pageId: string) => void,
    private readonly delayMs = 400,
  ) {}

  /** A page's body changed: derive its passages soon. */
  schedule(pageId: string): void {
    if (this.timers.has(pageId)) return
    const timer = setTimeout(() => {
      this.timers.delete(pageId)
      void this.derive(pageId)
    }, this.delayMs)
    timer.unref()
    this.timers.set(pageId, timer)
  }

  /** Derives now every page with a pending pass (all pending pages if none are named). */
  async flush(pageIds?: string[]): Promise<void> {
    const pending = pageIds ? pageIds.filter((id) => this.timers.has(id)) : [...this.timers.keys()]
    for (const id of pending) {
      clearTimeout(this.timers.get(id))
      this.timers.delete(id)
    }
    await Promise.all([...pending.map((id) => this.derive(id)), ...this.running.values()])
  }

  derive(pageId: string): Promise<void> {
    const previous = this.running.get(pageId) ?? Promise.resolve()
    const run = previous
      .then(() => this.derivePage(pageId))
      .catch((error: unknown) => this.logger.error({ page: pageId, err: error }, 'passage derivation failed'))
      .finally(() => {
        if (this.running.get(pageId) === run) this.running.delete(pageId)
      })
    this.running.set(pageId, run)
    return run
  }

  private async derivePage(pageId: string): Promise<void> {
    const rows = await this.db
      .selectFrom('passage_coding')
      .select([
        'id',
        'workspace_id',
        'anchor_start',
        'anchor_end',
        'text',
        'start_offset',
        'end_offset',
        'detached',
      ])
      .where('page_id', '=', pageId)
      .execute()
    if (rows.length === 0) return
    const results = await this.bodies.read(pageId, (doc) => {
      const flat = flattenBody(doc.getXmlFragment(BODY_FRAGMENT))
      return rows.map((row) => resolvePassage(doc, flat, { start: row.anchor_start, end: row.anchor_end }))
    })
    const now = Date.now()
    let changed = false
    await this.db.transaction().execute(async (tx) => {
      for (const [index, row] of rows.entries()) {
        const resolved = results[index] ?? null
        const next = resolved
          ? { text: resolved.text, start_offset: resolved.from, end_offset: resolved.to, detached: 0 }
          : { text: null, start_offset: null, end_offset: null, detached: 1 }
        if (
          row.text === next.text &&
          row.start_offset === next.start_offset &&
          row.end_offset === next.end_offset &&
          Number(row.detached) === next.detached
        )
          continue
        changed = true
        await tx
          .updateTable('passage_coding')
          .set({ ...next, derived_at: now })
          .where('id', '=', row.id)
          .execute()
      }
    })
    const workspaceId = rows[0]?.workspace_id
    if (changed && workspaceId) this.onChanged(workspaceId, pageId)
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }
}
