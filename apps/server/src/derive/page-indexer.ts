/** Reads a page body once and runs every derive pass on it. */
import type { PageBodies } from '../domain/page-bodies.ts'
import type { Pages } from '../domain/pages.ts'
import type { Logger } from '../ops/logger.ts'
import type { DerivePass } from './derive-pass.ts'
import { readPageContent } from './page-content.ts'

export class PageIndexer {
  private readonly passes: DerivePass[] = []

  constructor(
    private readonly pages: Pages,
    private readonly bodies: PageBodies,
    private readonly logger: Logger,
  ) {}

  /** Adds a pass; every page derived from now on goes through it too. */
  register(pass: DerivePass): this {
    this.passes.push(pass)
    return this
  }

  /** Derives one page from its stored body. A page deleted meanwhile is skipped. */
  async derive(pageId: string): Promise<void> {
    const page = await this.pages.get(pageId)
    if (!page) return
    const doc = await this.bodies.load(pageId)
    try {
      const content = readPageContent(doc)
      for (const pass of this.passes) {
        try {
          await pass.apply({ page, doc, content })
        } catch (error) {
          // One failing pass must not keep the others' rows stale.
          this.logger.error({ pageId, pass: pass.name, err: error }, 'derive pass failed')
        }
      }
    } finally {
      doc.destroy()
    }
  }

  /** Drops every pass's rows for pages deleted for good. */
  async remove(pageIds: string[]): Promise<void> {
    for (const pass of this.passes) await pass.remove?.(pageIds)
  }
}
