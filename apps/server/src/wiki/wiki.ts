/**
 * The wiki's services: links between pages and outlines, the derive passes that keep search,
 * links and headings up to date, and the seed study. Built once per process by server.ts, which
 * registers `passes` with the page indexer.
 */
import type { Page } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import type { DerivePass } from '../derive/derive-pass.ts'
import type { PageServices } from '../pages/index.ts'
import type { SearchIndex } from '../search/search-index.ts'
import type { Database } from '../store/schema.ts'
import { linksPass, outlinePass, searchPass } from './derive-passes.ts'
import { Links } from './links.ts'
import { StudySeed } from './seed-study.ts'

export interface WikiServices {
  links: Links
  seed: StudySeed
  /** Search text, links and headings, derived from every edited page. */
  passes: DerivePass[]
}

export function createWiki(deps: {
  db: Kysely<Database>
  pages: PageServices
  search: SearchIndex
  /** Called after the server wrote a page body (to derive it at once). */
  written: (pageId: string) => Promise<void>
  /** Told when a page's outgoing links change, with the targets whose backlinks changed. */
  onLinksChanged?: (page: Page, changedTargets: string[]) => void
}): WikiServices {
  const { db, pages } = deps
  return {
    links: new Links(db),
    seed: new StudySeed(pages.pages, pages.bodies, pages.templates, deps.written),
    passes: [searchPass(deps.search, db), linksPass(db, deps.onLinksChanged), outlinePass(db)],
  }
}
