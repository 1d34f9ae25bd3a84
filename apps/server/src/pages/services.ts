/** The pages feature's services, built once per process by server.ts. */
import type { Kysely } from 'kysely'
import type { Logger } from '../ops/logger.ts'
import type { DocStore } from '../store/doc-store.ts'
import type { Database } from '../store/schema.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import { CaseTemplates } from './case-template.ts'
import { PageBodies } from './page-bodies.ts'
import { PageProperties } from './page-properties.ts'
import { PageTree } from './page-tree.ts'
import { Pages } from './pages.ts'
import { RecentChanges } from './recent-changes.ts'

export interface PageServices {
  pages: Pages
  tree: PageTree
  templates: CaseTemplates
  properties: PageProperties
  bodies: PageBodies
  changes: RecentChanges
}

export function createPageServices(deps: {
  db: Kysely<Database>
  store: DocStore
  docs: PageDocs
  logger: Logger
  /** Called after the server wrote a page body (to derive it at once). */
  written: (pageId: string) => Promise<void>
}): PageServices {
  const pages = new Pages(deps.db)
  const bodies = new PageBodies(deps.store, deps.docs)
  return {
    pages,
    tree: new PageTree(deps.db),
    templates: new CaseTemplates(deps.db, pages, bodies, deps.written),
    properties: new PageProperties(deps.db),
    bodies,
    changes: new RecentChanges(deps.db, deps.logger),
  }
}
