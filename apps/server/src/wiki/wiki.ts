/**
 * The wiki's services, built once per process: the page tree, case sheets and their template,
 * properties, derived rows (search, links, headings), recent changes and the seed study.
 * server.ts builds it and hands `onDocUpdated`/`onDocLoaded` to the sync server.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import { DeriveScheduler } from '../derive/derive-scheduler.ts'
import { PageIndexer } from '../derive/page-indexer.ts'
import type { Logger } from '../ops/logger.ts'
import { CaseTemplates } from '../pages/case-template.ts'
import { PageBodies } from '../pages/page-bodies.ts'
import { PageProperties } from '../pages/page-properties.ts'
import { PageTree } from '../pages/page-tree.ts'
import type { Page, Pages } from '../pages/pages.ts'
import { RecentChanges } from '../pages/recent-changes.ts'
import type { SearchIndex } from '../search/search-index.ts'
import { SqliteSearchIndex } from '../search/sqlite-search-index.ts'
import type { DocStore } from '../store/doc-store.ts'
import type { Database } from '../store/schema.ts'
import type { Principal } from '../sync/connection.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import { linksPass, outlinePass, searchPass } from './derive-passes.ts'
import { Links } from './links.ts'
import { StudySeed } from './seed-study.ts'

export interface WikiServices {
  tree: PageTree
  templates: CaseTemplates
  properties: PageProperties
  bodies: PageBodies
  links: Links
  search: SearchIndex
  /** Register more derive passes here (e.g. coded passages). */
  indexer: PageIndexer
  derive: DeriveScheduler
  changes: RecentChanges
  seed: StudySeed
  /** Closes the collaboration sockets of these pages and unloads them (they are being deleted). */
  closeDocuments(pageIds: string[]): Promise<void>
  /** For SyncServerOptions.onDocUpdated: note the edit, derive later. */
  onDocUpdated(docName: string, principal: Principal): void
  /** For SyncServerOptions.onDocLoaded: derive pages opened, so a page never indexed gets indexed. */
  onDocLoaded(docName: string): void
  /** Finishes pending derivations and recent-change writes (shutdown, before the database closes). */
  close(): Promise<void>
}

export function createWiki(deps: {
  db: Kysely<Database>
  raw: BetterSqlite3.Database
  store: DocStore
  pages: Pages
  logger: Logger
  closeDocuments(pageIds: string[]): Promise<void>
  /** Page bodies as they are now (live or stored), for the derive passes. */
  docs: PageDocs
  /** Told when a page's outgoing links change, with the targets whose backlinks changed. */
  onLinksChanged?: (page: Page, changedTargets: string[]) => void
  deriveQuietMs?: number
}): WikiServices {
  const { db, pages, logger } = deps
  const bodies = new PageBodies(deps.store, deps.docs)
  const search = new SqliteSearchIndex(deps.raw)
  const indexer = new PageIndexer(pages, deps.docs, logger)
    .register(searchPass(search, db))
    .register(linksPass(db, deps.onLinksChanged))
    .register(outlinePass(db))
  const derive = new DeriveScheduler((id) => indexer.derive(id), logger, {
    quietMs: deps.deriveQuietMs ?? 1000,
    maxWaitMs: 4000,
  })
  const written = (pageId: string) => derive.run(pageId)
  const templates = new CaseTemplates(db, pages, bodies, written)
  const changes = new RecentChanges(db, logger)
  return {
    tree: new PageTree(db),
    templates,
    properties: new PageProperties(db),
    bodies,
    links: new Links(db),
    search,
    indexer,
    derive,
    changes,
    seed: new StudySeed(pages, bodies, templates, written),
    closeDocuments: deps.closeDocuments,
    onDocUpdated(docName, principal) {
      derive.touch(docName)
      if (principal.workspaceId) changes.record(principal.workspaceId, docName, principal.userId)
    },
    onDocLoaded(docName) {
      derive.touch(docName)
    },
    async close() {
      await derive.close()
      await changes.flush()
    },
  }
}
