/**
 * Moving pages in the tree, the trash, and deleting for good. A page's subtree travels with it:
 * archiving takes every live descendant to the trash with the same timestamp, so restoring brings
 * back exactly what was archived together.
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from '../store/schema.ts'
import { type Page, toPage } from './pages.ts'

export class TreeError extends Error {
  constructor(
    readonly code: 'cycle' | 'invalid_parent' | 'not_in_trash' | 'template',
    message: string,
  ) {
    super(message)
  }
}

export interface TrashedPage extends Page {
  /** Pages archived with it (its descendants at the time). */
  descendantCount: number
}

export class PageTree {
  constructor(private readonly db: Kysely<Database>) {}

  /** The page and all its descendants, whatever their state; the page first. */
  async subtreeIds(pageId: string): Promise<string[]> {
    const { rows } = await sql<{ id: string }>`
      WITH RECURSIVE sub(id) AS (
        SELECT id FROM page WHERE id = ${pageId}
        UNION SELECT p.id FROM page p JOIN sub ON p.parent_id = sub.id
      ) SELECT id FROM sub`.execute(this.db)
    return rows.map((r) => r.id)
  }

  /** Whether `ancestorId` is `pageId` or one of its ancestors. */
  async isAncestorOrSelf(ancestorId: string, pageId: string): Promise<boolean> {
    const { rows } = await sql<{ id: string }>`
      WITH RECURSIVE up(id, parent_id) AS (
        SELECT id, parent_id FROM page WHERE id = ${pageId}
        UNION SELECT p.id, p.parent_id FROM page p JOIN up ON p.id = up.parent_id
      ) SELECT id FROM up WHERE id = ${ancestorId}`.execute(this.db)
    return rows.length > 0
  }

  /** Checks that `parentId` can hold pages of `workspaceId` (and, when moving, is not inside `moving`). */
  async checkParent(workspaceId: string, parentId: string, moving?: Page): Promise<void> {
    const parent = await this.db.selectFrom('page').selectAll().where('id', '=', parentId).executeTakeFirst()
    if (!parent || parent.workspace_id !== workspaceId)
      throw new TreeError('invalid_parent', 'parentId: no such page in this workspace')
    if (parent.archived_at !== null)
      throw new TreeError('invalid_parent', 'parentId: that page is in the trash')
    if (parent.kind === 'template')
      throw new TreeError('invalid_parent', 'parentId: the template cannot hold pages')
    if (moving && (await this.isAncestorOrSelf(moving.id, parentId)))
      throw new TreeError('cycle', 'A page cannot move inside itself or one of its descendants')
  }

  /**
   * Moves and/or reorders. `parentId` null is the root; without `position` the page goes last
   * under its (new) parent. Positions are fractional: a client reorders by picking a number
   * between its two new neighbours.
   */
  async move(page: Page, to: { parentId?: string | null; position?: number }): Promise<void> {
    if (page.kind === 'template') throw new TreeError('template', 'The template is not part of the tree')
    const parentId = to.parentId === undefined ? page.parentId : to.parentId
    if (to.parentId) await this.checkParent(page.workspaceId, to.parentId, page)
    let position = to.position
    if (position === undefined) {
      if (parentId === page.parentId) return
      const last = await this.db
        .selectFrom('page')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('workspace_id', '=', page.workspaceId)
        .where('parent_id', parentId ? '=' : 'is', parentId)
        .executeTakeFirst()
      position = Number(last?.max ?? 0) + 1
    }
    await this.db
      .updateTable('page')
      .set({ parent_id: parentId, position, updated_at: Date.now() })
      .where('id', '=', page.id)
      .execute()
  }

  /** Sends the page and its live descendants to the trash; returns their ids. */
  async archive(page: Page): Promise<string[]> {
    if (page.kind === 'template') throw new TreeError('template', 'The template cannot be archived')
    if (page.archivedAt !== null) return []
    const now = Date.now()
    const ids = await this.subtreeIds(page.id)
    await this.db
      .updateTable('page')
      .set({ archived_at: now, updated_at: now })
      .where('id', 'in', ids)
      .where('archived_at', 'is', null)
      .execute()
    return ids
  }

  /**
   * Brings back the page and what was archived with it. If its parent is still in the trash or
   * gone, it comes back at the root rather than staying invisible.
   */
  async restore(page: Page): Promise<string[]> {
    if (page.archivedAt === null) throw new TreeError('not_in_trash', 'This page is not in the trash')
    const ids = await this.subtreeIds(page.id)
    const now = Date.now()
    let parentId = page.parentId
    if (parentId) {
      const parent = await this.db
        .selectFrom('page')
        .select('archived_at')
        .where('id', '=', parentId)
        .executeTakeFirst()
      if (!parent || parent.archived_at !== null) parentId = null
    }
    const restored = await this.db.transaction().execute(async (tx) => {
      const rows = await tx
        .updateTable('page')
        .set({ archived_at: null, updated_at: now })
        .where('id', 'in', ids)
        .where('archived_at', '=', page.archivedAt)
        .returning('id')
        .execute()
      await tx.updateTable('page').set({ parent_id: parentId }).where('id', '=', page.id).execute()
      return rows.map((r) => r.id)
    })
    return restored
  }

  /** What was archived, as the user archived it: one entry per archived subtree. */
  async trash(workspaceId: string): Promise<TrashedPage[]> {
    const rows = await this.db
      .selectFrom('page as p')
      .leftJoin('page as parent', 'parent.id', 'p.parent_id')
      .selectAll('p')
      .where('p.workspace_id', '=', workspaceId)
      .where('p.archived_at', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('parent.id', 'is', null),
          eb('parent.archived_at', 'is', null),
          eb('parent.archived_at', '!=', eb.ref('p.archived_at')),
        ]),
      )
      .orderBy('p.archived_at', 'desc')
      .execute()
    return Promise.all(
      rows.map(async (row) => {
        const page = toPage(row)
        const batch = await this.db
          .selectFrom('page')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('id', 'in', await this.subtreeIds(page.id))
          .where('archived_at', '=', page.archivedAt)
          .executeTakeFirst()
        return { ...page, descendantCount: Math.max(0, Number(batch?.n ?? 1) - 1) }
      }),
    )
  }

  /**
   * Deletes the page and its whole subtree for good (rows that hang off pages go by cascade).
   * Returns the deleted ids; their document logs are the caller's to remove.
   */
  async deleteForever(page: Page): Promise<string[]> {
    if (page.kind === 'template') throw new TreeError('template', 'The template cannot be deleted')
    const ids = await this.subtreeIds(page.id)
    await this.db.transaction().execute(async (tx) => {
      // Children first: page.parent_id references page.id without cascade.
      for (const id of [...ids].reverse()) await tx.deleteFrom('page').where('id', '=', id).execute()
    })
    return ids
  }
}
