/**
 * The reveal of a round and what follows: the agreement report kept as it was at the reveal, the
 * list of what to settle (passages where the coders differ, case-level codes some applied and
 * others did not) and the settling of each, which makes the round's agreed coding. Where every
 * coder agrees, the agreed coding is made at the reveal. The coders' codings an agreed coding
 * replaces are kept, marked `superseded`, and leave the views and exports.
 */
import type { RoundItem, RoundOutcome } from '@tisserand/api-types'
import type { Kysely, Transaction } from 'kysely'
import {
  anchorForRange,
  BODY_FRAGMENT,
  type EncodedAnchor,
  flattenBody,
  resolvePassage,
} from '../anchors/text-anchors.ts'
import { ApiError } from '../errors.ts'
import { newId } from '../store/ids.ts'
import type { Database } from '../store/schema.ts'
import type { CodingRoundItemTable, CodingRoundTable } from '../store/schema-typology.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import { mergeSpans } from './agreement-stats.ts'
import { type ClusterCoding, clusters } from './clusters.ts'
import { type RoundPassage, readRoundCodings } from './round-codings.ts'
import { type AgreementReport, agreementReport } from './round-report.ts'
import type { Rounds } from './rounds.ts'

export type Outcome = RoundOutcome

interface PassageItemData {
  from: number
  to: number
  /** Where the extent starts in the page's plain text, in UTF-16 units (for a redrawn range). */
  utf16From: number
  text: string
  anchor: { start: string; end: string }
  codings: (ClusterCoding & { text: string })[]
}

interface CaseItemData {
  codeId: string
  /** The coders who applied the code. */
  coderIds: string[]
}

export type { RoundItem }

export interface StoredReport extends AgreementReport {
  roundId: string
  computedAt: number
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

/** An agreed coding to write: its code, its anchor, and where it reads now (UTF-16). */
interface Planned {
  codeId: string
  anchor: EncodedAnchor
  text: string
  from: number
  to: number
}

export class Adjudication {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bodies: PageDocs,
    private readonly rounds: Rounds,
  ) {}

  /** The report: kept from the reveal; for an open round that is not blind, as it is now. */
  async agreement(round: CodingRoundTable): Promise<StoredReport> {
    if (round.status === 'revealed' && round.agreement) return JSON.parse(round.agreement) as StoredReport
    if (round.blind)
      throw new ApiError(409, 'round_blind', 'The agreement is shown once the round is revealed')
    return (await this.compute(round)).report
  }

  private async compute(round: CodingRoundTable) {
    const { pageIds, coders, codeIds } = await this.rounds.members(round.id)
    const read = await readRoundCodings(this.db, this.bodies, {
      id: round.id,
      pageIds,
      coderIds: coders.map((c) => c.id),
      codeIds,
    })
    const passages = new Map<string, Map<string, Map<string, [number, number][]>>>()
    for (const page of read.pages)
      for (const p of page.passages) {
        const byCode = passages.get(p.coderId) ?? new Map<string, Map<string, [number, number][]>>()
        const byPage = byCode.get(p.codeId) ?? new Map<string, [number, number][]>()
        byPage.set(page.pageId, [...(byPage.get(page.pageId) ?? []), [p.from, p.to]])
        byCode.set(p.codeId, byPage)
        passages.set(p.coderId, byCode)
      }
    const report: StoredReport = {
      roundId: round.id,
      computedAt: Date.now(),
      ...agreementReport({
        coders,
        codeIds,
        pages: read.pages.map((p) => ({ pageId: p.pageId, length: p.length })),
        passages,
        caseCodes: new Set(read.caseCodes.map((c) => `${c.coderId} ${c.pageId} ${c.codeId}`)),
      }),
    }
    return { report, read, coders, codeIds }
  }

  /** Reveals the round: keeps the report, lists what to settle, and agrees what all coders agree on. */
  async reveal(round: CodingRoundTable, actorId: string): Promise<void> {
    if (round.status !== 'open') throw new ApiError(409, 'round_revealed', 'This round is already revealed')
    const { report, read, coders, codeIds } = await this.compute(round)
    const coderIds = coders.map((c) => c.id)
    // Where the agreed codings go is read from the bodies first: the transaction only writes rows.
    const plans = new Map<string, Planned[]>()
    for (const page of read.pages)
      for (const cluster of clusters(coderIds, page.passages))
        if (cluster.agreed)
          plans.set(
            cluster.codings.map((c) => c.id).join(' '),
            await this.planPassages(
              page.pageId,
              cluster.codings.filter((c) => c.coderId === coderIds[0]),
            ),
          )
    const now = Date.now()
    let seq = 0
    await this.db.transaction().execute(async (tx) => {
      await this.rounds.markRevealed(round, actorId, JSON.stringify(report), tx)
      for (const page of read.pages) {
        const byId = new Map(page.passages.map((p) => [p.id, p]))
        for (const cluster of clusters(coderIds, page.passages)) {
          const first = cluster.codings.reduce((x, y) => (y.from < x.from ? y : x))
          const last = cluster.codings.reduce((x, y) => (y.to > x.to ? y : x))
          const start = byId.get(first.id) as RoundPassage
          const end = byId.get(last.id) as RoundPassage
          const data: PassageItemData = {
            from: cluster.from,
            to: cluster.to,
            utf16From: start.utf16From,
            text: page.text.slice(start.utf16From, end.utf16To),
            anchor: { start: b64(start.anchorStart), end: b64(end.anchorEnd) },
            codings: cluster.codings.map((c) => ({
              id: c.id,
              coderId: c.coderId,
              codeId: c.codeId,
              from: c.from,
              to: c.to,
              text: (byId.get(c.id) as RoundPassage).text,
            })),
          }
          const id = newId()
          await tx
            .insertInto('coding_round_item')
            .values({
              id,
              round_id: round.id,
              page_id: page.pageId,
              level: 'passage',
              seq: seq++,
              data: JSON.stringify(data),
              status: cluster.agreed ? 'agreed' : 'open',
              outcome: cluster.agreed ? JSON.stringify({ accept: coderIds[0] }) : null,
              settled_by: cluster.agreed ? actorId : null,
              settled_at: cluster.agreed ? now : null,
            })
            .execute()
          if (cluster.agreed) {
            await supersede(
              tx,
              cluster.codings.map((c) => c.id),
            )
            const codingIds = await this.insertAgreed(
              tx,
              round,
              page.pageId,
              actorId,
              plans.get(cluster.codings.map((c) => c.id).join(' ')) ?? [],
            )
            await tx
              .updateTable('coding_round_item')
              .set({ outcome: JSON.stringify({ accept: coderIds[0], codingIds }) })
              .where('id', '=', id)
              .execute()
          }
        }
        for (const codeId of codeIds) {
          const applied = coderIds.filter((coderId) =>
            read.caseCodes.some(
              (c) => c.coderId === coderId && c.pageId === page.pageId && c.codeId === codeId,
            ),
          )
          if (applied.length === 0) continue
          const agreed = applied.length === coderIds.length
          const data: CaseItemData = { codeId, coderIds: applied }
          await tx
            .insertInto('coding_round_item')
            .values({
              id: newId(),
              round_id: round.id,
              page_id: page.pageId,
              level: 'case',
              seq: seq++,
              data: JSON.stringify(data),
              status: agreed ? 'agreed' : 'open',
              outcome: agreed ? JSON.stringify({ accept: 'all', applied: true }) : null,
              settled_by: agreed ? actorId : null,
              settled_at: agreed ? now : null,
            })
            .execute()
          if (agreed) await this.agreeCase(tx, round, page.pageId, codeId, actorId)
        }
      }
    })
  }

  async items(round: CodingRoundTable, includeAgreed: boolean): Promise<RoundItem[]> {
    if (round.status !== 'revealed')
      throw new ApiError(409, 'round_blind', 'Disagreements are listed once the round is revealed')
    let query = this.db
      .selectFrom('coding_round_item')
      .innerJoin('page', 'page.id', 'coding_round_item.page_id')
      .leftJoin('user', 'user.id', 'coding_round_item.settled_by')
      .selectAll('coding_round_item')
      .select(['page.title as page_title', 'user.name as settled_by_name'])
      .where('coding_round_item.round_id', '=', round.id)
    if (!includeAgreed) query = query.where('coding_round_item.status', '!=', 'agreed')
    const rows = await query.orderBy('coding_round_item.seq').execute()
    return rows.map((row) => {
      const data = JSON.parse(row.data) as PassageItemData | CaseItemData
      const stored = row.outcome ? (JSON.parse(row.outcome) as Partial<Outcome & { redraw: unknown }>) : null
      // Only the decision; the ids of the codings it made stay inside.
      const visible: Outcome | null = !stored
        ? null
        : 'redraw' in stored
          ? { redraw: (stored as { redraw: { from: number; to: number; codeIds: string[] } }).redraw }
          : { accept: (stored as { accept: string }).accept }
      return {
        id: row.id,
        level: row.level,
        pageId: row.page_id,
        pageTitle: row.page_title,
        status: row.status,
        ...data,
        outcome: visible,
        settledBy: row.settled_by ? { id: row.settled_by, name: row.settled_by_name ?? '' } : null,
        settledAt: row.settled_at === null ? null : Number(row.settled_at),
      }
    })
  }

  /** Settles one item (again, if it was): its outcome becomes the round's agreed coding there. */
  async settle(
    round: CodingRoundTable,
    itemId: string,
    actorId: string,
    outcome: Outcome,
  ): Promise<RoundItem> {
    if (round.status !== 'revealed')
      throw new ApiError(409, 'round_blind', 'Disagreements are settled once the round is revealed')
    const item = await this.db
      .selectFrom('coding_round_item')
      .selectAll()
      .where('round_id', '=', round.id)
      .where('id', '=', itemId)
      .executeTakeFirst()
    if (!item) throw new ApiError(404, 'item_not_found', 'No such disagreement in this round')
    const { coders, codeIds } = await this.rounds.members(round.id)
    if ('accept' in outcome && !['all', 'none', ...coders.map((c) => c.id)].includes(outcome.accept))
      throw new ApiError(400, 'invalid_input', 'accept: "all", "none" or a coder of the round', 'accept')
    if ('redraw' in outcome) {
      if (item.level !== 'passage')
        throw new ApiError(400, 'invalid_input', 'redraw: only a passage can be redrawn', 'redraw')
      if (outcome.redraw.codeIds.some((id) => !codeIds.includes(id)))
        throw new ApiError(400, 'invalid_input', 'redraw.codeIds: codes of the round only', 'redraw.codeIds')
    }
    const planned = await this.plan(item, outcome)
    await this.db.transaction().execute(async (tx) => {
      await this.undo(tx, item)
      const stored = await this.apply(tx, round, item, actorId, outcome, planned)
      await tx
        .updateTable('coding_round_item')
        .set({
          status: 'settled',
          outcome: JSON.stringify(stored),
          settled_by: actorId,
          settled_at: Date.now(),
        })
        .where('id', '=', item.id)
        .execute()
    })
    const settled = (await this.items(round, true)).find((x) => x.id === item.id)
    return settled as RoundItem
  }

  /** Takes back what an earlier settling of the item made. */
  private async undo(tx: Transaction<Database>, item: CodingRoundItemTable) {
    if (!item.outcome) return
    const previous = JSON.parse(item.outcome) as { codingIds?: string[]; applied?: boolean }
    if (item.level === 'passage' && previous.codingIds?.length)
      await tx.deleteFrom('passage_coding').where('id', 'in', previous.codingIds).execute()
    if (item.level === 'case' && previous.applied) {
      const { codeId } = JSON.parse(item.data) as CaseItemData
      await tx
        .deleteFrom('page_code')
        .where('page_id', '=', item.page_id)
        .where('code_id', '=', codeId)
        .where('round_id', '=', item.round_id)
        .execute()
    }
  }

  private async apply(
    tx: Transaction<Database>,
    round: CodingRoundTable,
    item: CodingRoundItemTable,
    actorId: string,
    outcome: Outcome,
    planned: Planned[],
  ): Promise<Record<string, unknown>> {
    if (item.level === 'case') {
      const data = JSON.parse(item.data) as CaseItemData
      const applied =
        'accept' in outcome &&
        (outcome.accept === 'all' || (outcome.accept !== 'none' && data.coderIds.includes(outcome.accept)))
      if (applied) await this.agreeCase(tx, round, item.page_id, data.codeId, actorId)
      else await supersedeCase(tx, round.id, item.page_id, data.codeId)
      return { ...outcome, applied }
    }
    const data = JSON.parse(item.data) as PassageItemData
    await supersede(
      tx,
      data.codings.map((c) => c.id),
    )
    const codingIds = await this.insertAgreed(tx, round, item.page_id, actorId, planned)
    return { ...outcome, codingIds }
  }

  /** Where a passage item's outcome puts the agreed coding, read from the page body now. */
  private async plan(item: CodingRoundItemTable, outcome: Outcome): Promise<Planned[]> {
    if (item.level !== 'passage') return []
    if ('redraw' in outcome) return this.planRange(item.page_id, outcome.redraw)
    const data = JSON.parse(item.data) as PassageItemData
    const chosen =
      outcome.accept === 'none'
        ? []
        : outcome.accept === 'all'
          ? data.codings
          : data.codings.filter((c) => c.coderId === outcome.accept)
    return this.planPassages(item.page_id, chosen)
  }

  /** The agreed coding from coders' codings: per code, their spans merged, anchors taken from theirs. */
  private async planPassages(pageId: string, chosen: ClusterCoding[]): Promise<Planned[]> {
    if (chosen.length === 0) return []
    const rows = await this.db
      .selectFrom('passage_coding')
      .select(['id', 'anchor_start', 'anchor_end'])
      .where(
        'id',
        'in',
        chosen.map((c) => c.id),
      )
      .execute()
    const anchors = new Map(rows.map((r) => [r.id, r]))
    const made: { codeId: string; anchor: EncodedAnchor }[] = []
    for (const codeId of new Set(chosen.map((c) => c.codeId))) {
      const ofCode = chosen.filter((c) => c.codeId === codeId)
      for (const [from, to] of mergeSpans(ofCode.map((c) => [c.from, c.to]))) {
        const inside = ofCode.filter((c) => c.from >= from && c.to <= to)
        const first = inside.find((c) => c.from === from)
        const last = inside.find((c) => c.to === to)
        const start = first && anchors.get(first.id)
        const end = last && anchors.get(last.id)
        if (start && end) made.push({ codeId, anchor: { start: start.anchor_start, end: end.anchor_end } })
      }
    }
    return this.resolve(pageId, made)
  }

  private async planRange(
    pageId: string,
    redraw: { from: number; to: number; codeIds: string[] },
  ): Promise<Planned[]> {
    const anchor = await this.bodies.read(pageId, (doc) =>
      anchorForRange(flattenBody(doc.getXmlFragment(BODY_FRAGMENT)), redraw.from, redraw.to),
    )
    if (!anchor) throw new ApiError(400, 'invalid_range', 'redraw: no text of the page there', 'redraw')
    return this.resolve(
      pageId,
      redraw.codeIds.map((codeId) => ({ codeId, anchor })),
    )
  }

  /** Anchors placed in the page as it reads now; a passage deleted since is left out. */
  private async resolve(
    pageId: string,
    made: { codeId: string; anchor: EncodedAnchor }[],
  ): Promise<Planned[]> {
    return this.bodies.read(pageId, (doc) => {
      const flat = flattenBody(doc.getXmlFragment(BODY_FRAGMENT))
      return made.flatMap((m) => {
        const resolved = resolvePassage(doc, flat, m.anchor)
        return resolved ? [{ ...m, ...resolved }] : []
      })
    })
  }

  private async insertAgreed(
    tx: Transaction<Database>,
    round: CodingRoundTable,
    pageId: string,
    actorId: string,
    planned: Planned[],
  ): Promise<string[]> {
    const now = Date.now()
    const ids: string[] = []
    for (const m of planned) {
      const id = newId()
      ids.push(id)
      await tx
        .insertInto('passage_coding')
        .values({
          id,
          workspace_id: round.workspace_id,
          page_id: pageId,
          code_id: m.codeId,
          anchor_start: m.anchor.start,
          anchor_end: m.anchor.end,
          quote: m.text,
          created_by: actorId,
          created_at: now,
          updated_at: now,
          text: m.text,
          start_offset: m.from,
          end_offset: m.to,
          detached: 0,
          derived_at: now,
          round_id: round.id,
          round_role: 'agreed',
          settled_by: actorId,
        })
        .execute()
    }
    return ids
  }

  private async agreeCase(
    tx: Transaction<Database>,
    round: CodingRoundTable,
    pageId: string,
    codeId: string,
    actorId: string,
  ) {
    await tx
      .insertInto('page_code')
      .values({
        page_id: pageId,
        code_id: codeId,
        workspace_id: round.workspace_id,
        created_by: actorId,
        created_at: Date.now(),
        round_id: round.id,
        settled_by: actorId,
      })
      .onConflict((oc) => oc.columns(['page_id', 'code_id']).doNothing())
      .execute()
    await supersedeCase(tx, round.id, pageId, codeId)
  }
}

/** The coders' codings the agreed coding replaces: kept, left out of the views. */
function supersede(tx: Transaction<Database>, codingIds: string[]) {
  return tx.updateTable('passage_coding').set({ superseded: 1 }).where('id', 'in', codingIds).execute()
}

function supersedeCase(tx: Transaction<Database>, roundId: string, pageId: string, codeId: string) {
  return tx
    .updateTable('round_case_code')
    .set({ superseded: 1 })
    .where('round_id', '=', roundId)
    .where('page_id', '=', pageId)
    .where('code_id', '=', codeId)
    .execute()
}
