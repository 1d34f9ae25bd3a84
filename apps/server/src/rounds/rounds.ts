/**
 * Coding rounds: an owner names pages, coders and codes; while the round is open (and blind) each
 * coder's codings on those pages are theirs alone (the typology asks `rules` on every read); the
 * reveal, logged and irreversible, shows everyone everything, keeps the agreement report as it
 * is then and lists what is left to settle (adjudication.ts).
 */
import type { CodingRound } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import { ApiError } from '../errors.ts'
import type { Page } from '../pages/index.ts'
import { newId } from '../store/ids.ts'
import type { Database } from '../store/schema.ts'
import type { CodingRoundTable } from '../store/schema-typology.ts'
import type { RoundRules } from '../typology/index.ts'

export type Round = CodingRound

export interface NewRound {
  name: string
  pageIds: string[]
  coderIds: string[]
  codeIds?: string[]
  blind?: boolean
  adjudicatorId?: string | null
}

const CODING_ROLES = new Set(['owner', 'editor'])

export class Rounds {
  constructor(private readonly db: Kysely<Database>) {}

  /** What the typology asks: which rounds hide codings, and which round a new coding joins. */
  readonly rules: RoundRules = {
    hiddenRounds: async (workspaceId) =>
      (
        await this.db
          .selectFrom('coding_round')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('status', '=', 'open')
          .where('blind', '=', 1)
          .execute()
      ).map((r) => r.id),
    roundOf: async (page: Page, userId: string, codeId: string) => {
      const round = await this.openRoundOf(page.id, userId, false)
      if (!round) return null
      const inScope = await this.db
        .selectFrom('coding_round_code')
        .select('code_id')
        .where('round_id', '=', round.id)
        .where('code_id', '=', codeId)
        .executeTakeFirst()
      if (!inScope)
        throw new ApiError(409, 'code_not_in_round', 'This code is not among the codes of your coding round')
      return round.id
    },
  }

  /** Whether `userId` codes `pageId` in an open blind round (their selection is then not shared). */
  async codesBlind(pageId: string, userId: string): Promise<boolean> {
    return (await this.openRoundOf(pageId, userId, true)) !== undefined
  }

  /** The open round (blind only, if asked) in which `userId` codes `pageId`. */
  private openRoundOf(pageId: string, userId: string, blindOnly: boolean) {
    let query = this.db
      .selectFrom('coding_round')
      .innerJoin('coding_round_page', 'coding_round_page.round_id', 'coding_round.id')
      .innerJoin('coding_round_coder', 'coding_round_coder.round_id', 'coding_round.id')
      .select('coding_round.id')
      .where('coding_round.status', '=', 'open')
      .where('coding_round_page.page_id', '=', pageId)
      .where('coding_round_coder.user_id', '=', userId)
    if (blindOnly) query = query.where('coding_round.blind', '=', 1)
    return query.executeTakeFirst()
  }

  async create(workspaceId: string, actorId: string, input: NewRound): Promise<Round> {
    const pageIds = [...new Set(input.pageIds)]
    const coderIds = [...new Set(input.coderIds)]
    if (coderIds.length < 2)
      throw new ApiError(400, 'invalid_input', 'coderIds: a round needs at least two coders', 'coderIds')
    const pages = await this.db
      .selectFrom('page')
      .select(['id', 'kind'])
      .where('workspace_id', '=', workspaceId)
      .where('archived_at', 'is', null)
      .where('id', 'in', pageIds)
      .execute()
    if (pages.length !== pageIds.length || pages.some((p) => p.kind === 'template'))
      throw new ApiError(
        400,
        'invalid_input',
        'pageIds: a page is not a live page of this workspace',
        'pageIds',
      )
    const members = await this.db
      .selectFrom('member')
      .select(['user_id', 'role'])
      .where('workspace_id', '=', workspaceId)
      .execute()
    const roles = new Map(members.map((m) => [m.user_id, m.role]))
    if (coderIds.some((id) => !CODING_ROLES.has(roles.get(id) ?? '')))
      throw new ApiError(
        400,
        'not_a_coder',
        'coderIds: coders must be members with editor rights',
        'coderIds',
      )
    const adjudicatorId = input.adjudicatorId ?? null
    if (adjudicatorId && !CODING_ROLES.has(roles.get(adjudicatorId) ?? ''))
      throw new ApiError(
        400,
        'not_a_coder',
        'adjudicatorId: the adjudicator must be a member with editor rights',
        'adjudicatorId',
      )
    const codable = await this.db
      .selectFrom('code')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('retired_at', 'is', null)
      .where('codable', '=', 1)
      .execute()
    const codableIds = new Set(codable.map((c) => c.id))
    const codeIds = input.codeIds ? [...new Set(input.codeIds)] : [...codableIds]
    if (codeIds.length === 0 || codeIds.some((id) => !codableIds.has(id)))
      throw new ApiError(
        400,
        'invalid_input',
        'codeIds: each must be a codable code of this workspace',
        'codeIds',
      )
    const busy = await this.db
      .selectFrom('coding_round_page')
      .innerJoin('coding_round', 'coding_round.id', 'coding_round_page.round_id')
      .select('coding_round_page.page_id')
      .where('coding_round.status', '=', 'open')
      .where('coding_round_page.page_id', 'in', pageIds)
      .executeTakeFirst()
    if (busy) throw new ApiError(409, 'page_in_open_round', 'A page is already in an open coding round')
    const id = newId()
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('coding_round')
        .values({
          id,
          workspace_id: workspaceId,
          name: input.name,
          blind: input.blind === false ? 0 : 1,
          status: 'open',
          adjudicator_id: adjudicatorId,
          created_by: actorId,
          created_at: Date.now(),
        })
        .execute()
      await tx
        .insertInto('coding_round_page')
        .values(pageIds.map((page_id) => ({ round_id: id, page_id })))
        .execute()
      await tx
        .insertInto('coding_round_coder')
        .values(coderIds.map((user_id) => ({ round_id: id, user_id })))
        .execute()
      await tx
        .insertInto('coding_round_code')
        .values(codeIds.map((code_id) => ({ round_id: id, code_id })))
        .execute()
    })
    return (await this.get(workspaceId, id, actorId, true)) as Round
  }

  async list(workspaceId: string, viewerId: string, isOwner: boolean): Promise<Round[]> {
    const rows = await this.db
      .selectFrom('coding_round')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .execute()
    return Promise.all(rows.map((row) => this.toRound(row, viewerId, isOwner)))
  }

  async get(workspaceId: string, id: string, viewerId: string, isOwner: boolean): Promise<Round | null> {
    const row = await this.row(workspaceId, id)
    return row ? this.toRound(row, viewerId, isOwner) : null
  }

  async require(workspaceId: string, id: string): Promise<CodingRoundTable> {
    const row = await this.row(workspaceId, id)
    if (!row) throw new ApiError(404, 'round_not_found', 'No such coding round')
    return row
  }

  /** Marks the round revealed, once; the caller computes and keeps the report in the same step. */
  async markRevealed(
    round: CodingRoundTable,
    actorId: string,
    agreement: string,
    db: Kysely<Database> = this.db,
  ): Promise<void> {
    const result = await db
      .updateTable('coding_round')
      .set({ status: 'revealed', revealed_by: actorId, revealed_at: Date.now(), agreement })
      .where('id', '=', round.id)
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0)
      throw new ApiError(409, 'round_revealed', 'This round is already revealed')
  }

  async codeLabels(workspaceId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('code')
      .select(['id', 'label'])
      .where('workspace_id', '=', workspaceId)
      .execute()
    return new Map(rows.map((r) => [r.id, r.label]))
  }

  private row(workspaceId: string, id: string) {
    return this.db
      .selectFrom('coding_round')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst()
  }

  async members(roundId: string) {
    const [pages, coders, codes] = await Promise.all([
      // In id order (the agreement's continuum), said rather than left to the primary key's index.
      this.db
        .selectFrom('coding_round_page')
        .select('page_id')
        .where('round_id', '=', roundId)
        .orderBy('page_id')
        .execute(),
      this.db
        .selectFrom('coding_round_coder')
        .innerJoin('user', 'user.id', 'coding_round_coder.user_id')
        .select(['user.id', 'user.name'])
        .where('round_id', '=', roundId)
        .orderBy('user.name')
        .execute(),
      this.db.selectFrom('coding_round_code').select('code_id').where('round_id', '=', roundId).execute(),
    ])
    return { pageIds: pages.map((p) => p.page_id), coders, codeIds: codes.map((c) => c.code_id) }
  }

  private async toRound(row: CodingRoundTable, viewerId: string, isOwner: boolean): Promise<Round> {
    const { pageIds, coders, codeIds } = await this.members(row.id)
    const seen = coders.filter((c) => isOwner || c.id === viewerId || row.status === 'revealed' || !row.blind)
    const progress = await Promise.all(
      seen.map(async (coder) => {
        const passages = await this.db
          .selectFrom('passage_coding')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('round_id', '=', row.id)
          .where('round_role', '=', 'coder')
          .where('created_by', '=', coder.id)
          .executeTakeFirstOrThrow()
        const cases = await this.db
          .selectFrom('round_case_code')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('round_id', '=', row.id)
          .where('created_by', '=', coder.id)
          .executeTakeFirstOrThrow()
        return { coderId: coder.id, passages: Number(passages.n), caseCodes: Number(cases.n) }
      }),
    )
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      blind: Boolean(row.blind),
      pageIds,
      coderIds: coders.map((c) => c.id),
      codeIds,
      adjudicatorId: row.adjudicator_id,
      createdBy: row.created_by,
      createdAt: Number(row.created_at),
      revealedBy: row.revealed_by,
      revealedAt: row.revealed_at === null ? null : Number(row.revealed_at),
      progress,
    }
  }
}
