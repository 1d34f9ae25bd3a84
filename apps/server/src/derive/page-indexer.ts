/** Reads a page body once and runs every derive pass on it. */

import type { Page } from '@tisserand/api-types'
import type { Logger } from '../ops/logger.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import type { DeriveInput, DerivePass } from './derive-pass.ts'
import { readPageContent } from './page-content.ts'

export class PageIndexer {
  private readonly passes: DerivePass[] = []

  constructor(
    /** The page's row, or null once it is deleted (its pages feature knows). */
    private readonly pageById: (pageId: string) => Promise<Page | null>,
    private readonly docs: PageDocs,
    private readonly logger: Logger,
  ) {}

  /** Adds a pass; every page derived from now on goes through it too. */
  register(pass: DerivePass): this {
    this.passes.push(pass)
    return this
  }

  /**
   * Derives one page from its current body: the live document when the page is open (no reload
   * from storage while people type), else the stored one. A page deleted meanwhile is skipped.
   */
  async derive(pageId: string): Promise<void> {
    const page = await this.pageById(pageId)
    if (!page) return
    const content = await this.docs.read(pageId, readPageContent)
    const readDoc: DeriveInput['readDoc'] = (read) => this.docs.read(pageId, read)
    for (const pass of this.passes) {
      // The passes' queries settle as microtasks (SQLite answers synchronously): without a real
      // yield, deriving many pages would hold the event loop and delay the sync traffic.
      await yieldToEventLoop()
      try {
        await pass.apply({ page, content, readDoc })
      } catch (error) {
        // One failing pass must not keep the others' rows stale.
        this.logger.error({ pageId, pass: pass.name, err: error }, 'derive pass failed')
      }
    }
  }

  /** Drops every pass's rows for pages deleted for good. */
  async remove(pageIds: string[]): Promise<void> {
    for (const pass of this.passes) await pass.remove?.(pageIds)
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
