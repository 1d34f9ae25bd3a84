/**
 * The workspace's recent-changes feed: who edited which page, when. The sync server reports
 * every accepted update; this keeps it cheap by writing at most once a minute per page and
 * editor, and by folding a continuous editing session into one row (first and last edit).
 */
import type { RecentChange as Change } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import type { Logger } from '../ops/logger.ts'
import type { Database } from '../store/schema.ts'

/** Edits closer than this to the previous one by the same person extend the same row. */
const SESSION_GAP_MS = 15 * 60 * 1000
/** At most one write per page and editor per this interval. */
const WRITE_EVERY_MS = 60 * 1000

export type { RecentChange as Change } from '@tisserand/api-types'

export class RecentChanges {
  private readonly lastWrite = new Map<string, number>()
  private writes: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
  ) {}

  /** Notes an edit. Cheap when called per keystroke: most calls only read a Map. */
  record(workspaceId: string, pageId: string, userId: string, at = Date.now()): void {
    const key = `${pageId}\u0000${userId}`
    const previous = this.lastWrite.get(key)
    if (previous !== undefined && at - previous < WRITE_EVERY_MS) return
    if (this.lastWrite.size > 10_000) this.forgetOlderThan(at - WRITE_EVERY_MS)
    this.lastWrite.set(key, at)
    this.writes = this.writes
      .then(() => this.write(workspaceId, pageId, userId, at))
      .catch((error: unknown) => this.logger.warn({ pageId, err: error }, 'recent change not recorded'))
  }

  private forgetOlderThan(cutoff: number): void {
    for (const [key, at] of this.lastWrite) if (at < cutoff) this.lastWrite.delete(key)
  }

  private async write(workspaceId: string, pageId: string, userId: string, at: number): Promise<void> {
    const open = await this.db
      .selectFrom('page_change')
      .select('id')
      .where('page_id', '=', pageId)
      .where('user_id', '=', userId)
      .where('last_at', '>=', at - SESSION_GAP_MS)
      .orderBy('last_at', 'desc')
      .executeTakeFirst()
    if (open) {
      await this.db.updateTable('page_change').set({ last_at: at }).where('id', '=', open.id).execute()
      return
    }
    const page = await this.db.selectFrom('page').select('id').where('id', '=', pageId).executeTakeFirst()
    if (!page) return
    await this.db
      .insertInto('page_change')
      .values({ workspace_id: workspaceId, page_id: pageId, user_id: userId, first_at: at, last_at: at })
      .execute()
  }

  /** Resolves once every recorded edit is written. */
  flush(): Promise<unknown> {
    return this.writes
  }

  /** Latest first; pages in the trash and the template are left out. */
  async list(workspaceId: string, limit = 50): Promise<Change[]> {
    const rows = await this.db
      .selectFrom('page_change as c')
      .innerJoin('page as p', 'p.id', 'c.page_id')
      .innerJoin('user as u', 'u.id', 'c.user_id')
      .select(['c.page_id', 'p.title', 'p.kind', 'c.user_id', 'u.name', 'c.first_at', 'c.last_at'])
      .where('c.workspace_id', '=', workspaceId)
      .where('p.archived_at', 'is', null)
      .where('p.kind', '!=', 'template')
      .orderBy('c.last_at', 'desc')
      .limit(limit)
      .execute()
    return rows.map((r) => ({
      pageId: r.page_id,
      title: r.title,
      kind: r.kind,
      userId: r.user_id,
      userName: r.name,
      firstAt: Number(r.first_at),
      lastAt: Number(r.last_at),
    }))
  }
}
