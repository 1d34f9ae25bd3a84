/** The wiki's own derive passes: the search index, links between pages, headings. */

import type { Page } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import type { DerivePass } from '../derive/derive-pass.ts'
import { PAGE_LINK_TEXT, type PageContent } from '../derive/page-content.ts'
import type { SearchIndex } from '../search/search-index.ts'
import type { Database } from '../store/schema.ts'

/** A page's text as the search index holds it: each page link read as the linked page's title. */
export async function searchTextOf(db: Kysely<Database>, content: PageContent): Promise<string> {
  if (content.links.length === 0) return content.text
  const rows = await db.selectFrom('page').select(['id', 'title']).where('id', 'in', content.links).execute()
  const titles = new Map(rows.map((r) => [r.id, r.title]))
  return content.text.replace(PAGE_LINK_TEXT, (_, id: string) => titles.get(id) ?? '')
}

/** The search index, with each page link read as the linked page's title at derive time. */
export function searchPass(index: SearchIndex, db: Kysely<Database>): DerivePass {
  return {
    name: 'search',
    async apply({ page, content }) {
      const text = await searchTextOf(db, content)
      await index.upsert({ pageId: page.id, workspaceId: page.workspaceId, title: page.title, text })
    },
    remove: (pageIds) => index.remove(pageIds),
  }
}

/**
 * page_link rows: what the page links to now (backlinks are the reverse lookup). When the set
 * changes, `onChange` hears which targets gained or lost a backlink, so their panels can refresh.
 */
export function linksPass(
  db: Kysely<Database>,
  onChange?: (page: Page, changedTargets: string[]) => void,
): DerivePass {
  return {
    name: 'links',
    async apply({ page, content }) {
      const targets = content.links.filter((id) => id !== page.id)
      const before = await db.transaction().execute(async (tx) => {
        const previous = await tx
          .selectFrom('page_link')
          .select('target_id')
          .where('source_id', '=', page.id)
          .execute()
        await tx.deleteFrom('page_link').where('source_id', '=', page.id).execute()
        if (targets.length > 0)
          await tx
            .insertInto('page_link')
            .values(targets.map((target_id) => ({ source_id: page.id, target_id })))
            .execute()
        return new Set(previous.map((row) => row.target_id))
      })
      const after = new Set(targets)
      const changed = [
        ...[...after].filter((id) => !before.has(id)),
        ...[...before].filter((id) => !after.has(id)),
      ]
      if (changed.length > 0) onChange?.(page, changed)
    },
  }
}

/** page_derived: the page's headings (an outline), and the mark that the page has been derived. */
export function outlinePass(db: Kysely<Database>): DerivePass {
  return {
    name: 'outline',
    async apply({ page, content }) {
      const row = { headings: JSON.stringify(content.headings), derived_at: Date.now() }
      await db
        .insertInto('page_derived')
        .values({ page_id: page.id, ...row })
        .onConflict((oc) => oc.column('page_id').doUpdateSet(row))
        .execute()
    },
  }
}
