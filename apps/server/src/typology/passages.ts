/**
 * Codes applied to passages. A passage is anchored beside the page body by two Yjs relative
 * positions (never a mark inside it), so several codes can stack on one passage and coding never
 * writes into the text. The passage's current text and position are derived by the server.
 */

import type { PassageCoding } from '@tisserand/api-types'
import type { Kysely, Selectable } from 'kysely'
import type * as Y from 'yjs'
import {
  anchorForRange,
  anchorIsKnown,
  BODY_FRAGMENT,
  decodePosition,
  type EncodedAnchor,
  flattenBody,
  resolvePassage,
} from '../anchors/text-anchors.ts'
import { ApiError } from '../errors.ts'
import type { Page } from '../pages/index.ts'
import { newId } from '../store/ids.ts'
import type { Database } from '../store/schema.ts'
import type { PassageCodingTable } from '../store/schema-typology.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import { requireCodableCode } from './case-coding.ts'
import { type RoundRules, type Viewer, visibleTo } from './visibility.ts'

export type { PassageCoding } from '@tisserand/api-types'

export type PassageTarget =
  | { anchor: { start: string; end: string }; quote?: string }
  | { range: { from: number; to: number }; quote?: string }

type Row = Selectable<PassageCodingTable> & { author_name: string }

export function toPassage(row: Row): PassageCoding {
  return {
    id: row.id,
    pageId: row.page_id,
    codeId: row.code_id,
    quote: row.quote,
    text: row.text,
    from: row.start_offset === null ? null : Number(row.start_offset),
    to: row.end_offset === null ? null : Number(row.end_offset),
    detached: Boolean(row.detached),
    anchor: {
      start: Buffer.from(row.anchor_start).toString('base64'),
      end: Buffer.from(row.anchor_end).toString('base64'),
    },
    author: { id: row.created_by, name: row.author_name },
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    roundId: row.round_id,
    agreed: row.round_role === 'agreed',
    settledBy: row.settled_by,
    superseded: Boolean(row.superseded),
  }
}

const ANCHOR_WAIT_MS = 2_000

export class Passages {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bodies: PageDocs,
    private readonly rounds: RoundRules,
  ) {}

  private select(viewer: Viewer) {
    return this.db
      .selectFrom('passage_coding')
      .innerJoin('user', 'user.id', 'passage_coding.created_by')
      .innerJoin('code', 'code.id', 'passage_coding.code_id')
      .selectAll('passage_coding')
      .select('user.name as author_name')
      .where('code.retired_at', 'is', null)
      .where(visibleTo(viewer, 'passage_coding'))
  }

  /** The page's codings the viewer may see (in a blind round: their own and those outside rounds). */
  async list(viewer: Viewer, pageId: string): Promise<PassageCoding[]> {
    const rows = await this.select(viewer)
      .where('passage_coding.page_id', '=', pageId)
      .orderBy('passage_coding.start_offset')
      .orderBy('passage_coding.created_at')
      .execute()
    return rows.map(toPassage)
  }

  async get(viewer: Viewer, pageId: string, id: string): Promise<PassageCoding | null> {
    const row = await this.select(viewer)
      .where('passage_coding.page_id', '=', pageId)
      .where('passage_coding.id', '=', id)
      .executeTakeFirst()
    return row ? toPassage(row) : null
  }

  /** Ids of the workspace's codings the viewer may not see (other coders' in open blind rounds). */
  async hiddenIds(viewer: Viewer, workspaceId: string): Promise<Set<string>> {
    if (viewer.hiddenRounds.length === 0) return new Set()
    const rows = await this.db
      .selectFrom('passage_coding')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('round_id', 'in', [...viewer.hiddenRounds])
      .where('created_by', '!=', viewer.userId)
      .execute()
    return new Set(rows.map((r) => r.id))
  }

  /** Every live passage of a code (and, if asked, of its descendants) across the workspace. */
  async ofCodes(
    viewer: Viewer,
    workspaceId: string,
    codeIds: string[],
  ): Promise<(PassageCoding & { pageTitle: string })[]> {
    if (codeIds.length === 0) return []
    const rows = await this.select(viewer)
      .innerJoin('page', 'page.id', 'passage_coding.page_id')
      .select('page.title as page_title')
      .where('passage_coding.workspace_id', '=', workspaceId)
      .where('passage_coding.code_id', 'in', codeIds)
      .where('page.archived_at', 'is', null)
      .where('passage_coding.detached', '=', 0)
      .where('passage_coding.superseded', '=', 0)
      .orderBy('page.position')
      .orderBy('passage_coding.start_offset')
      .execute()
    return rows.map((row) => ({ ...toPassage(row), pageTitle: row.page_title }))
  }

  /** Codes one passage with each of `codeIds`; the anchor comes from the client or from a text range. */
  async create(
    viewer: Viewer,
    page: Page,
    codeIds: string[],
    target: PassageTarget,
  ): Promise<PassageCoding[]> {
    const userId = viewer.userId
    const roundOf = new Map<string, string | null>()
    for (const codeId of codeIds) {
      await requireCodableCode(this.db, page.workspaceId, codeId)
      roundOf.set(codeId, await this.rounds.roundOf(page, userId, codeId))
    }
    const placed = await this.place(page.id, target)
    if (target.quote !== undefined && target.quote !== placed.text)
      throw new ApiError(409, 'quote_mismatch', 'The page no longer reads as quoted at that place')
    const now = Date.now()
    const ids: string[] = []
    await this.db.transaction().execute(async (tx) => {
      for (const codeId of codeIds) {
        const id = newId()
        ids.push(id)
        await tx
          .insertInto('passage_coding')
          .values({
            id,
            workspace_id: page.workspaceId,
            page_id: page.id,
            code_id: codeId,
            anchor_start: placed.anchor.start,
            anchor_end: placed.anchor.end,
            quote: placed.text,
            created_by: userId,
            created_at: now,
            updated_at: now,
            text: placed.text,
            start_offset: placed.from,
            end_offset: placed.to,
            detached: 0,
            derived_at: now,
            round_id: roundOf.get(codeId) ?? null,
            round_role: roundOf.get(codeId) ? 'coder' : null,
          })
          .execute()
      }
    })
    const created = await Promise.all(ids.map((id) => this.get(viewer, page.id, id)))
    return created.filter((p): p is PassageCoding => p !== null)
  }

  /** Changes the code of one coding (the passage stays). */
  async changeCode(viewer: Viewer, page: Page, id: string, codeId: string): Promise<PassageCoding> {
    const existing = await this.get(viewer, page.id, id)
    if (!existing) throw new ApiError(404, 'coding_not_found', 'No such coding')
    await requireCodableCode(this.db, page.workspaceId, codeId)
    // A coding stays where it was made: a round coding may only take a code of its round.
    if (existing.roundId && (await this.rounds.roundOf(page, viewer.userId, codeId)) !== existing.roundId)
      throw new ApiError(409, 'code_not_in_round', 'This code is not in the coding round of this coding')
    const result = await this.db
      .updateTable('passage_coding')
      .set({ code_id: codeId, updated_at: Date.now() })
      .where('id', '=', id)
      .where('page_id', '=', page.id)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) throw new ApiError(404, 'coding_not_found', 'No such coding')
    return (await this.get(viewer, page.id, id)) as PassageCoding
  }

  async remove(viewer: Viewer, pageId: string, id: string): Promise<PassageCoding> {
    const existing = await this.get(viewer, pageId, id)
    if (!existing) throw new ApiError(404, 'coding_not_found', 'No such coding')
    await this.db.deleteFrom('passage_coding').where('id', '=', id).execute()
    return existing
  }

  /** Where the target is in the page now. A client's anchor may name text the server has yet to receive. */
  private async place(
    pageId: string,
    target: PassageTarget,
  ): Promise<{ anchor: EncodedAnchor; text: string; from: number; to: number }> {
    if ('range' in target) {
      const placed = await this.bodies.read(pageId, (doc) => {
        const flat = flattenBody(doc.getXmlFragment(BODY_FRAGMENT))
        const anchor = anchorForRange(flat, target.range.from, target.range.to)
        const resolved = anchor && resolvePassage(doc, flat, anchor)
        return anchor && resolved ? { anchor, ...resolved } : null
      })
      if (!placed) throw new ApiError(400, 'invalid_range', 'range: no text of the page there', 'range')
      return placed
    }
    const anchor = {
      start: Buffer.from(target.anchor.start, 'base64'),
      end: Buffer.from(target.anchor.end, 'base64'),
    }
    if (!decodePosition(anchor.start) || !decodePosition(anchor.end))
      throw new ApiError(400, 'invalid_anchor', 'anchor: not Yjs relative positions', 'anchor')
    const deadline = Date.now() + ANCHOR_WAIT_MS
    for (;;) {
      const placed = await this.bodies.read(pageId, (doc: Y.Doc) => {
        if (!anchorIsKnown(doc, anchor)) return 'unknown' as const
        const resolved = resolvePassage(doc, flattenBody(doc.getXmlFragment(BODY_FRAGMENT)), anchor)
        return resolved ? { anchor, ...resolved } : null
      })
      if (placed === null) throw new ApiError(400, 'empty_passage', 'anchor: the passage is empty', 'anchor')
      if (placed !== 'unknown') return placed
      if (Date.now() > deadline)
        throw new ApiError(409, 'anchor_unknown', 'The page does not have this text yet; try again')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}
