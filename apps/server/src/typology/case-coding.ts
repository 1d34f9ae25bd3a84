/** Codes applied to a whole page (a case sheet or a synthesis): its case-level codes. */

import type { PageCode } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import { ApiError } from '../errors.ts'
import type { Page } from '../pages/index.ts'
import type { Database } from '../store/schema.ts'
import { type RoundRules, type Viewer, visibleTo } from './visibility.ts'

export type { PageCode } from '@tisserand/api-types'

export class CaseCoding {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly rounds: RoundRules,
  ) {}

  /**
   * The page's case-level codes the viewer may see: those applied outside rounds or agreed by a
   * round, and the coders' codes of rounds (in an open blind round, only the viewer's own).
   */
  async list(viewer: Viewer, pageId: string): Promise<PageCode[]> {
    const shared = await this.db
      .selectFrom('page_code')
      .innerJoin('code', 'code.id', 'page_code.code_id')
      .innerJoin('user', 'user.id', 'page_code.created_by')
      .select([
        'page_code.code_id',
        'page_code.created_at',
        'page_code.round_id',
        'user.id as user_id',
        'user.name',
      ])
      .where('page_code.page_id', '=', pageId)
      .where('code.retired_at', 'is', null)
      .execute()
    const ofRounds = await this.db
      .selectFrom('round_case_code')
      .innerJoin('code', 'code.id', 'round_case_code.code_id')
      .innerJoin('user', 'user.id', 'round_case_code.created_by')
      .select([
        'round_case_code.code_id',
        'round_case_code.created_at',
        'round_case_code.round_id',
        'user.id as user_id',
        'user.name',
      ])
      .where('round_case_code.page_id', '=', pageId)
      .where('code.retired_at', 'is', null)
      .where('round_case_code.superseded', '=', 0)
      .where(visibleTo(viewer, 'round_case_code'))
      .execute()
    return [
      ...shared.map((r) => ({ ...r, agreed: r.round_id !== null })),
      ...ofRounds.map((r) => ({ ...r, agreed: false })),
    ]
      .sort((x, y) => Number(x.created_at) - Number(y.created_at))
      .map((r) => ({
        codeId: r.code_id,
        author: { id: r.user_id, name: r.name },
        createdAt: Number(r.created_at),
        roundId: r.round_id,
        agreed: r.agreed,
      }))
  }

  /** Applies a code to the page (in the viewer's open round, if any); true if it was not applied yet. */
  async add(viewer: Viewer, page: Page, codeId: string): Promise<boolean> {
    await requireCodableCode(this.db, page.workspaceId, codeId)
    const roundId = await this.rounds.roundOf(page, viewer.userId, codeId)
    const created_at = Date.now()
    if (roundId) {
      const result = await this.db
        .insertInto('round_case_code')
        .values({
          round_id: roundId,
          page_id: page.id,
          code_id: codeId,
          created_by: viewer.userId,
          created_at,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
    }
    const result = await this.db
      .insertInto('page_code')
      .values({
        page_id: page.id,
        code_id: codeId,
        workspace_id: page.workspaceId,
        created_by: viewer.userId,
        created_at,
      })
      .onConflict((oc) => oc.columns(['page_id', 'code_id']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  /** Removes the code: the viewer's own in their open round, else the page's. */
  async remove(viewer: Viewer, page: Page, codeId: string): Promise<boolean> {
    const roundId = await this.rounds.roundOf(page, viewer.userId, codeId).catch(() => null)
    const result = roundId
      ? await this.db
          .deleteFrom('round_case_code')
          .where('round_id', '=', roundId)
          .where('page_id', '=', page.id)
          .where('code_id', '=', codeId)
          .where('created_by', '=', viewer.userId)
          .executeTakeFirst()
      : await this.db
          .deleteFrom('page_code')
          .where('page_id', '=', page.id)
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
