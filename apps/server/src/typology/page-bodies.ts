/** Page bodies for the typology's derived data: read a page's current Y.Doc. */
import type * as Y from 'yjs'

export interface PageBodies {
  /** Runs `read` on the page's current document; `read` must not keep or modify it. */
  read<T>(pageId: string, read: (doc: Y.Doc) => T): Promise<T>
}
