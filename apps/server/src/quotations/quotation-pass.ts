/**
 * Quotations and evidence tables as derived data. For the page derived, as the quoting page: its
 * quotation nodes become `quotation` rows (a new one records the source's text at that moment as
 * the quoted wording) and its evidence tables `evidence_table` rows. As a source: the latest text
 * of its quoted passages is kept on the quotations (`last_text`), so it survives the source.
 * Registered after the typology's coded-passages pass, so passage texts are already current.
 */
import type { Page } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import type { DerivePass } from '../derive/derive-pass.ts'
import type { PageContent } from '../derive/page-content.ts'
import type { Database } from '../store/schema.ts'
import { readEmbeds } from './embeds.ts'

export interface QuotationChanges {
  /** Pages whose quotations read differently now (their own nodes, or their sources' text). */
  quotingPages: string[]
  /** Pages whose "cited in" list changed (sources gained or lost a quotation). */
  sourcePages: string[]
}

export function quotationPass(
  db: Kysely<Database>,
  onChanged: (page: Page, changes: QuotationChanges) => void,
): DerivePass {
  /** Live text of codings of the workspace; codings of other workspaces are never read. */
  async function passageTexts(workspaceId: string, codingIds: string[]) {
    if (codingIds.length === 0) return new Map<string, { text: string | null; pageId: string }>()
    const rows = await db
      .selectFrom('passage_coding')
      .select(['id', 'page_id', 'text', 'detached'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', codingIds)
      .execute()
    return new Map(rows.map((r) => [r.id, { text: Number(r.detached) ? null : r.text, pageId: r.page_id }]))
  }

  async function asQuotingPage(page: Page, content: PageContent) {
    const { quotations, evidenceTables } = readEmbeds(content)
    const existing = await db.selectFrom('quotation').selectAll().where('page_id', '=', page.id).execute()
    const before = new Map(existing.map((r) => [r.coding_id, r]))
    const after = new Set(quotations.map((q) => q.codingId))
    const added = quotations.filter((q) => !before.has(q.codingId))
    const removed = existing.filter((r) => !after.has(r.coding_id))
    const texts = await passageTexts(
      page.workspaceId,
      [...new Set([...added.map((q) => q.codingId), ...removed.map((r) => r.coding_id)])].filter(Boolean),
    )
    const now = Date.now()
    let moved = false
    await db.transaction().execute(async (tx) => {
      for (const row of removed)
        await tx
          .deleteFrom('quotation')
          .where('page_id', '=', page.id)
          .where('coding_id', '=', row.coding_id)
          .execute()
      for (const q of quotations) {
        const section = q.section?.index ?? null
        const sectionTitle = q.section?.title ?? null
        const old = before.get(q.codingId)
        if (!old) {
          const text = texts.get(q.codingId)?.text ?? null
          await tx
            .insertInto('quotation')
            .values({
              page_id: page.id,
              coding_id: q.codingId,
              workspace_id: page.workspaceId,
              position: q.position,
              section,
              section_title: sectionTitle,
              quoted_text: text,
              last_text: text,
              created_at: now,
              updated_at: now,
            })
            .execute()
        } else if (
          Number(old.position) !== q.position ||
          old.section !== section ||
          old.section_title !== sectionTitle
        ) {
          moved = true
          await tx
            .updateTable('quotation')
            .set({ position: q.position, section, section_title: sectionTitle, updated_at: now })
            .where('page_id', '=', page.id)
            .where('coding_id', '=', q.codingId)
            .execute()
        }
      }
      await tx.deleteFrom('evidence_table').where('page_id', '=', page.id).execute()
      if (evidenceTables.length > 0)
        await tx
          .insertInto('evidence_table')
          .values(
            evidenceTables.map((t) => ({
              page_id: page.id,
              position: t.position,
              workspace_id: page.workspaceId,
              code_ids: JSON.stringify(t.codeIds),
              filters: JSON.stringify(t.filters),
              group_by: t.groupBy,
              section: t.section?.index ?? null,
              section_title: t.section?.title ?? null,
            })),
          )
          .execute()
    })
    const changedCodings = [...added.map((q) => q.codingId), ...removed.map((r) => r.coding_id)]
    const sources = new Set<string>()
    for (const id of changedCodings) {
      const source = texts.get(id)?.pageId
      if (source && source !== page.id) sources.add(source)
    }
    return { changed: added.length > 0 || removed.length > 0 || moved, sources: [...sources] }
  }

  /** Keeps the latest text of this page's quoted passages on the quotations naming them. */
  async function asSource(page: Page): Promise<string[]> {
    const rows = await db
      .selectFrom('quotation as q')
      .innerJoin('passage_coding as pc', 'pc.id', 'q.coding_id')
      .select(['q.page_id', 'q.coding_id', 'q.last_text', 'pc.text', 'pc.detached'])
      .where('pc.page_id', '=', page.id)
      .where('q.workspace_id', '=', page.workspaceId)
      .where('pc.workspace_id', '=', page.workspaceId)
      .execute()
    const quoting = new Set<string>()
    const now = Date.now()
    for (const row of rows) {
      if (Number(row.detached) || row.text === null || row.text === row.last_text) continue
      quoting.add(row.page_id)
      await db
        .updateTable('quotation')
        .set({ last_text: row.text, updated_at: now })
        .where('page_id', '=', row.page_id)
        .where('coding_id', '=', row.coding_id)
        .execute()
    }
    return [...quoting]
  }

  return {
    name: 'quotations',
    async apply({ page, content }) {
      if (page.kind === 'template') return
      const quoting = await asQuotingPage(page, content)
      const readers = await asSource(page)
      const quotingPages = new Set(readers)
      if (quoting.changed) quotingPages.add(page.id)
      if (quotingPages.size > 0 || quoting.sources.length > 0)
        onChanged(page, { quotingPages: [...quotingPages], sourcePages: quoting.sources })
    },
  }
}
