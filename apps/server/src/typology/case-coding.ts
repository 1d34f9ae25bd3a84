/** Codes applied to a whole page (a case sheet or a synthesis): its case-level codes. */

import type { PageCode } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import { ApiError } from '../errors.ts'
import type { Page } from '../pages/index.ts'
import type { Database } from '../store/schema.ts'

export type { PageCode } from '@tisserand/api-types'

export class CaseCoding {
  constructor(private readonly db: Kysely<Database>) {}

  async list(pageId: string): Promise<PageCode[]> {
    const rows = await this.db
      .selectFrom('page_code')
      .innerJoin('code', 'code.id', 'page_code.code_id')
      .innerJoin('user', 'user.id', 'page_code.created_by')
      .select(['page_code.code_id', 'page_code.created_at', 'user.id as user_id', 'user.name'])
      .where('page_code.page_id', '=', pageId)
      .where('code.retired_at', 'is', null)
      .orderBy('page_code.created_at')
      .execute()
    return rows.map((r) => ({
      codeId: r.code_id,
      author: { id: r.user_id, name: r.name },
      createdAt: Number(r.created_at),
    }))
  }

  /** Applies a code to the page; true if it was not applied yet. */
  async add(page: Page, codeId: string, userId: string): Promise<boolean> {
    await requireCodableCode(this.db, page.workspaceId, codeId)
    const result = await this.db
      .insertInto('page_code')
      .values({
        page_id: page.id,
        code_id: codeId,
        workspace_id: page.workspaceId,
        created_by: userId,
        created_at: Date.now(),
      })
      .onConflict((oc) => oc.columns(['page_id', 'code_id']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  async remove(pageId: string, codeId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('page_code')
      .where('page_id', '=', pageId)
      .where('code_id', '=', codeId)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }
}

/** A code of this workspace that may be applied now (not retired, codable). */
export async function requireCodableCode(db: Kysely<Database>, workspaceId: string, codeId: string) {
  const code = await db
    .selectFrom('code')
    .selectAll()
    .where('id', '=', codeId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst()
  if (!code) throw new ApiError(404, 'code_not_found', 'codeId: no such code in this workspace', 'codeId')
  if (code.retired_at !== null)
    throw new ApiError(409, 'code_retired', 'This code is retired; restore it first')
  if (!code.codable)
    throw new ApiError(400, 'code_not_codable', 'This code only groups other codes', 'codeId')
  return code
}
