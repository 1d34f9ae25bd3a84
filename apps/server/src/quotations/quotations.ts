/**
 * What a page's quotations show, and where passages are quoted. Every read is worked out from the
 * rows as they are now: the source's passage (same workspace only), its page (in the trash or
 * not), and the quotation's recorded wordings.
 */
import type { CitedIn, PageKind, QuotationView } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import type { Page } from '../pages/index.ts'
import type { Database } from '../store/schema.ts'
import { codesOnPassages, passageKey } from './passage-codes.ts'

export class Quotations {
  constructor(
    private readonly db: Kysely<Database>,
    /** Derives now the named pages with edits pending, so reads see their latest text. */
    private readonly flush: (pageIds: string[]) => Promise<void>,
  ) {}

  /** The quotations of `page`, in order of appearance (one per quoted coding). */
  async ofPage(page: Page): Promise<QuotationView[]> {
    await this.flush([page.id])
    const sources = await this.sourceRows(page)
    const pending = [...new Set(sources.map((r) => r.source_page_id).filter((id): id is string => !!id))]
    if (pending.length > 0) {
      await this.flush(pending)
    }
    const rows = pending.length > 0 ? await this.sourceRows(page) : sources
    const codes = await codesOnPassages(
      this.db,
      rows.flatMap((r) => (r.source_page_id ? [r.source_page_id] : [])),
    )
    return rows.map((row): QuotationView => {
      const base = { codingId: row.coding_id, quotedText: null, codes: [] }
      if (!row.source_page_id || !row.anchor_start || !row.anchor_end)
        // Unknown, of another workspace, or deleted for good: only what this page recorded itself.
        return {
          ...base,
          sourcePageId: null,
          sourceTitle: null,
          text: row.quoted_text === null ? null : row.last_text,
          status: 'source-removed',
        }
      const passage = codes.get(
        passageKey({
          page_id: row.source_page_id,
          anchor_start: row.anchor_start,
          anchor_end: row.anchor_end,
        }),
      )
      const gone = row.archived_at !== null || Number(row.detached) === 1 || row.text === null
      const text = gone ? row.last_text : row.text
      const changed = !gone && row.quoted_text !== null && row.text !== row.quoted_text
      return {
        codingId: row.coding_id,
        sourcePageId: row.source_page_id,
        sourceTitle: row.source_title,
        text,
        quotedText: changed ? row.quoted_text : null,
        codes: passage?.codes ?? [],
        status: gone ? 'source-removed' : changed ? 'changed' : 'live',
      }
    })
  }

  private sourceRows(page: Page) {
    return this.db
      .selectFrom('quotation as q')
      .leftJoin('passage_coding as pc', (join) =>
        join.onRef('pc.id', '=', 'q.coding_id').on('pc.workspace_id', '=', page.workspaceId),
      )
      .leftJoin('page as src', 'src.id', 'pc.page_id')
      .select([
        'q.coding_id',
        'q.quoted_text',
        'q.last_text',
        'pc.page_id as source_page_id',
        'pc.text',
        'pc.detached',
        'pc.anchor_start',
        'pc.anchor_end',
        'src.title as source_title',
        'src.archived_at',
      ])
      .where('q.page_id', '=', page.id)
      .orderBy('q.position')
      .execute()
  }

  /** The live pages quoting passages of `page`, by title, with the quoted codings and where. */
  async citing(page: Page): Promise<CitedIn[]> {
    const rows = await this.db
      .selectFrom('quotation as q')
      .innerJoin('passage_coding as pc', 'pc.id', 'q.coding_id')
      .innerJoin('page as p', 'p.id', 'q.page_id')
      .select(['p.id', 'p.title', 'p.kind', 'q.coding_id', 'q.section', 'q.section_title'])
      .where('pc.page_id', '=', page.id)
      .where('pc.workspace_id', '=', page.workspaceId)
      .where('q.workspace_id', '=', page.workspaceId)
      .where('p.archived_at', 'is', null)
      .where('q.page_id', '!=', page.id)
      .orderBy('p.title')
      .orderBy('q.position')
      .execute()
    return groupByPage(rows)
  }

  /** The live pages quoting passages of a code, or holding an evidence table of it. */
  async citingCode(workspaceId: string, codeId: string): Promise<CitedIn[]> {
    const rows = await this.db
      .selectFrom('quotation as q')
      .innerJoin('passage_coding as pc', 'pc.id', 'q.coding_id')
      .innerJoin('page as p', 'p.id', 'q.page_id')
      .select(['p.id', 'p.title', 'p.kind', 'q.coding_id', 'q.section', 'q.section_title'])
      .where('pc.code_id', '=', codeId)
      .where('pc.workspace_id', '=', workspaceId)
      .where('q.workspace_id', '=', workspaceId)
      .where('p.archived_at', 'is', null)
      .orderBy('p.title')
      .orderBy('q.position')
      .execute()
    const cited = groupByPage(rows)
    const tables = await this.db
      .selectFrom('evidence_table as t')
      .innerJoin('page as p', 'p.id', 't.page_id')
      .select(['p.id', 'p.title', 'p.kind', 't.code_ids', 't.section', 't.section_title'])
      .where('t.workspace_id', '=', workspaceId)
      .where('p.archived_at', 'is', null)
      .orderBy('p.title')
      .orderBy('t.position')
      .execute()
    for (const t of tables) {
      if (!(JSON.parse(t.code_ids) as string[]).includes(codeId)) continue
      let entry = cited.find((c) => c.pageId === t.id)
      if (!entry) {
        entry = { pageId: t.id, title: t.title, kind: t.kind, codingIds: [], sections: [] }
        cited.push(entry)
      }
      entry.evidenceTable = true
      addSection(entry, t.section, t.section_title)
    }
    return cited.sort((a, b) => a.title.localeCompare(b.title, 'fr'))
  }
}

interface CitingRow {
  id: string
  title: string
  kind: PageKind
  coding_id: string
  section: number | null
  section_title: string | null
}

function addSection(entry: CitedIn, section: number | null, title: string | null) {
  if (section === null || title === null) return
  const index = Number(section) + 1
  if (!entry.sections.some((s) => s.index === index)) entry.sections.push({ index, title })
}

function groupByPage(rows: CitingRow[]): CitedIn[] {
  const byPage = new Map<string, CitedIn>()
  for (const row of rows) {
    const entry = byPage.get(row.id) ?? {
      pageId: row.id,
      title: row.title,
      kind: row.kind,
      codingIds: [],
      sections: [],
    }
    if (!entry.codingIds.includes(row.coding_id)) entry.codingIds.push(row.coding_id)
    addSection(entry, row.section, row.section_title)
    byPage.set(row.id, entry)
  }
  return [...byPage.values()]
}
