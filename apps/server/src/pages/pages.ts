/** Pages of a workspace: their metadata rows (bodies live in the document log under the page id). */
import type { Page } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import { newId } from '../store/ids.ts'
import type { Database, PageKind, PageTable } from '../store/schema.ts'

export type { Page } from '@tisserand/api-types'
export { PAGE_KINDS } from '@tisserand/api-types'

export function toPage(row: PageTable): Page {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    parentId: row.parent_id,
    title: row.title,
    kind: row.kind,
    position: Number(row.position),
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    archivedAt: row.archived_at === null ? null : Number(row.archived_at),
  }
}

export class Pages {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: {
    workspaceId: string
    title: string
    kind: PageKind
    parentId?: string | null
    createdBy: string
    /** Chosen by the caller when the body must be written under the id before the row exists. */
    id?: string
  }): Promise<Page> {
    const last = await this.db
      .selectFrom('page')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('workspace_id', '=', input.workspaceId)
      .where('parent_id', input.parentId ? '=' : 'is', input.parentId ?? null)
      .executeTakeFirst()
    const now = Date.now()
    const row: PageTable = {
      id: input.id ?? newId(),
      workspace_id: input.workspaceId,
      parent_id: input.parentId ?? null,
      title: input.title.trim(),
      kind: input.kind,
      position: Number(last?.max ?? 0) + 1,
      created_by: input.createdBy,
      created_at: now,
      updated_at: now,
      archived_at: null,
    }
    await this.db.insertInto('page').values(row).execute()
    return toPage(row)
  }

  async get(id: string): Promise<Page | null> {
    const row = await this.db.selectFrom('page').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toPage(row) : null
  }

  /** The live tree, flat: every page not in the trash, except the case-sheet template. */
  async list(workspaceId: string): Promise<Page[]> {
    const rows = await this.db
      .selectFrom('page')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('archived_at', 'is', null)
      .where('kind', '!=', 'template')
      .orderBy('position')
      .execute()
    return rows.map(toPage)
  }

  async rename(id: string, title: string): Promise<void> {
    await this.db
      .updateTable('page')
      .set({ title: title.trim(), updated_at: Date.now() })
      .where('id', '=', id)
      .execute()
  }
}
