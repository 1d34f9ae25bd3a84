/** Links between pages, as derived from their bodies (derive/passes.ts): backlinks and outlines. */
import type { Kysely } from 'kysely'
import type { Heading } from '../derive/page-content.ts'
import type { Database } from '../store/schema.ts'

export interface Backlink {
  pageId: string
  title: string
  kind: string
}

export class Links {
  constructor(private readonly db: Kysely<Database>) {}

  /** Live pages whose body links to `pageId`, by title. */
  async backlinks(pageId: string): Promise<Backlink[]> {
    const rows = await this.db
      .selectFrom('page_link as l')
      .innerJoin('page as p', 'p.id', 'l.source_id')
      .select(['p.id', 'p.title', 'p.kind'])
      .where('l.target_id', '=', pageId)
      .where('p.archived_at', 'is', null)
      .where('p.kind', '!=', 'template')
      .orderBy('p.title')
      .execute()
    return rows.map((r) => ({ pageId: r.id, title: r.title, kind: r.kind }))
  }

  /** Headings of the page as last derived; null if it was never derived. */
  async outline(pageId: string): Promise<{ headings: Heading[]; derivedAt: number } | null> {
    const row = await this.db
      .selectFrom('page_derived')
      .select(['headings', 'derived_at'])
      .where('page_id', '=', pageId)
      .executeTakeFirst()
    return row ? { headings: JSON.parse(row.headings) as Heading[], derivedAt: Number(row.derived_at) } : null
  }
}
