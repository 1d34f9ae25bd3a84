/** The quotations feature's services, built once per process in server.ts. */
import type { Kysely } from 'kysely'
import type { DerivePass } from '../derive/derive-pass.ts'
import type { PageServices } from '../pages/index.ts'
import type { Database } from '../store/schema.ts'
import type { WorkspaceEvents } from '../workspaces/index.ts'
import { Evidence } from './evidence.ts'
import { Memos } from './memos.ts'
import { quotationPass } from './quotation-pass.ts'
import { Quotations } from './quotations.ts'

export interface QuotationServices {
  quoted: Quotations
  evidence: Evidence
  memos: Memos
  /** Keeps quotation rows current; server.ts registers it after the typology's passage pass. */
  pass: DerivePass
  codeExists(workspaceId: string, codeId: string): Promise<boolean>
  /** Pages quoting passages of `pageId`, for backlinks. */
  citingPages(pageId: string): Promise<{ pageId: string; title: string; kind: string }[]>
}

export function createQuotations(deps: {
  db: Kysely<Database>
  pages: PageServices
  workspaceEvents: WorkspaceEvents
  /** Derives now the named pages (all if none) with edits pending. */
  flushDerived(pageIds?: string[]): Promise<void>
}): QuotationServices {
  const { db, workspaceEvents } = deps
  const quoted = new Quotations(db, (pageIds) => deps.flushDerived(pageIds))
  return {
    quoted,
    evidence: new Evidence(
      db,
      (pageId) => deps.pages.properties.get(pageId),
      () => deps.flushDerived(),
    ),
    memos: new Memos(db, deps.pages.pages),
    pass: quotationPass(db, (page, changes) => {
      if (changes.quotingPages.length > 0)
        workspaceEvents.publish(page.workspaceId, {
          type: 'quotations.changed',
          pageIds: changes.quotingPages,
        })
      // A source gained or lost a quotation: its "cited in" and backlinks changed.
      if (changes.sourcePages.length > 0)
        workspaceEvents.publish(page.workspaceId, {
          type: 'page.links',
          pageId: page.id,
          targets: changes.sourcePages,
        })
    }),
    async codeExists(workspaceId, codeId) {
      const row = await db
        .selectFrom('code')
        .select('id')
        .where('id', '=', codeId)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst()
      return row !== undefined
    },
    async citingPages(pageId) {
      const page = await deps.pages.pages.get(pageId)
      if (!page) return []
      return (await quoted.citing(page)).map((c) => ({ pageId: c.pageId, title: c.title, kind: c.kind }))
    },
  }
}
