/**
 * The rows of an evidence table: every live coded passage of the asked codes across the
 * workspace's live pages, the cases filtered by their properties, grouped by case or by code.
 */
import type { EvidenceRow } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import type { CaseProperties } from '../pages/index.ts'
import { fold, words } from '../search/french.ts'
import type { Database } from '../store/schema.ts'
import type { EvidenceQuery } from './embeds.ts'
import { codesOnPassages, passageKey } from './passage-codes.ts'

export interface EvidenceGroup {
  /** The case's page id or the code's id. */
  id: string
  label: string
  rows: EvidenceRow[]
}

export class Evidence {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly properties: (pageId: string) => Promise<CaseProperties>,
    /** Brings derived passages up to date (all pending pages): the table must be exact. */
    private readonly flush: () => Promise<void>,
  ) {}

  async table(
    workspaceId: string,
    query: EvidenceQuery,
  ): Promise<{ groups: EvidenceGroup[]; total: number }> {
    if (query.codeIds.length === 0) return { groups: [], total: 0 }
    await this.flush()
    const codings = await this.db
      .selectFrom('passage_coding as pc')
      .innerJoin('page as p', 'p.id', 'pc.page_id')
      .innerJoin('code', 'code.id', 'pc.code_id')
      .select([
        'pc.id',
        'pc.page_id',
        'pc.anchor_start',
        'pc.anchor_end',
        'pc.text',
        'pc.code_id',
        'code.label as code_label',
        'p.title as page_title',
      ])
      .where('pc.workspace_id', '=', workspaceId)
      .where('pc.code_id', 'in', query.codeIds)
      .where('pc.detached', '=', 0)
      .where('code.retired_at', 'is', null)
      .where('p.archived_at', 'is', null)
      .where('p.kind', '!=', 'template')
      .orderBy('p.position')
      .orderBy('pc.start_offset')
      .orderBy('pc.created_at')
      .execute()
    const filters = Object.entries(query.filters)
    const kept = new Set<string>()
    for (const pageId of new Set(codings.map((c) => c.page_id))) {
      const props = filters.length > 0 ? await this.properties(pageId) : null
      const same = (a: unknown, b: unknown) => fold(String(a ?? '')) === fold(String(b ?? ''))
      if (!props || filters.every(([k, v]) => same(props[k as keyof CaseProperties], v))) kept.add(pageId)
    }
    const onPassage = await codesOnPassages(this.db, [...kept])
    const groups = new Map<string, EvidenceGroup>()
    const seen = new Set<string>()
    const codeOrder = new Map(query.codeIds.map((id, i) => [id, i]))
    for (const coding of codings) {
      if (!kept.has(coding.page_id)) continue
      const passage = passageKey(coding)
      const groupId = query.groupBy === 'case' ? coding.page_id : coding.code_id
      // One row per passage in a case; by code a passage with two asked codes shows under each.
      const rowKey = query.groupBy === 'case' ? passage : `${coding.code_id}|${passage}`
      if (seen.has(rowKey)) continue
      seen.add(rowKey)
      const on = onPassage.get(passage)
      const group = groups.get(groupId) ?? {
        id: groupId,
        label: query.groupBy === 'case' ? coding.page_title : coding.code_label,
        rows: [],
      }
      group.rows.push({
        codingId: coding.id,
        pageId: coding.page_id,
        pageTitle: coding.page_title,
        text: coding.text ?? '',
        codes: on?.codes ?? [{ id: coding.code_id, label: coding.code_label }],
        coders: on?.coders ?? [],
      })
      groups.set(groupId, group)
    }
    const ordered = [...groups.values()]
    if (query.groupBy === 'code')
      ordered.sort((a, b) => (codeOrder.get(a.id) ?? 0) - (codeOrder.get(b.id) ?? 0))
    return { groups: ordered, total: ordered.reduce((n, g) => n + g.rows.length, 0) }
  }

  /** Passages to quote (`/citer`): by words of their text, by code, or both; one row per passage. */
  async search(
    workspaceId: string,
    query: { q: string; codeId?: string; limit: number },
  ): Promise<EvidenceRow[]> {
    await this.flush()
    let select = this.db
      .selectFrom('passage_coding as pc')
      .innerJoin('page as p', 'p.id', 'pc.page_id')
      .innerJoin('code', 'code.id', 'pc.code_id')
      .select(['pc.id', 'pc.page_id', 'pc.anchor_start', 'pc.anchor_end', 'pc.text', 'p.title as page_title'])
      .where('pc.workspace_id', '=', workspaceId)
      .where('pc.detached', '=', 0)
      .where('code.retired_at', 'is', null)
      .where('p.archived_at', 'is', null)
      .where('p.kind', '!=', 'template')
    if (query.codeId) select = select.where('pc.code_id', '=', query.codeId)
    const rows = await select.orderBy('p.title').orderBy('pc.start_offset').execute()
    const wanted = words(query.q).map(fold)
    const seen = new Set<string>()
    const matches = rows.filter((row) => {
      const key = passageKey(row)
      if (seen.has(key)) return false
      seen.add(key)
      const hay = fold(`${row.text ?? ''} ${row.page_title}`)
      return wanted.every((w) => hay.includes(w))
    })
    const chosen = matches.slice(0, query.limit)
    const onPassage = await codesOnPassages(
      this.db,
      chosen.map((r) => r.page_id),
    )
    return chosen.map((row) => {
      const on = onPassage.get(passageKey(row))
      return {
        codingId: row.id,
        pageId: row.page_id,
        pageTitle: row.page_title,
        text: row.text ?? '',
        codes: on?.codes ?? [],
        coders: on?.coders ?? [],
      }
    })
  }
}
