/**
 * One kind of row derived from a page body. The indexer reads each page once and hands the same
 * content to every registered pass: search text, links, headings now; coded passages (typology)
 * can be added as one more pass without reading the document again.
 */

import type { Page } from '@tisserand/api-types'
import type * as Y from 'yjs'
import type { PageContent } from './page-content.ts'

export interface DeriveInput {
  page: Page
  /** The body read with the editor schema: ProseMirror node, plain text, links, headings. */
  content: PageContent
  /**
   * Runs `read` synchronously on the page's current Y.Doc (the live one when the page is open),
   * e.g. to resolve relative positions. `read` must not modify or keep the document.
   */
  readDoc<T>(read: (doc: Y.Doc) => T): Promise<T>
}

export interface DerivePass {
  /** For logs. */
  name: string
  /** Replaces this pass's rows for the page. */
  apply(input: DeriveInput): Promise<void>
  /** Drops this pass's rows for pages deleted for good (rows with a page foreign key go by cascade). */
  remove?(pageIds: string[]): Promise<void>
}
