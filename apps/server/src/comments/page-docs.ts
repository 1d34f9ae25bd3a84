/** Read access to page bodies for features that live beside them (comment anchors). */
import type * as Y from 'yjs'

export interface PageDocs {
  /**
   * Runs `read` synchronously on the page's current document: the live one when the page is
   * open, otherwise one loaded from storage. `read` must not keep or modify the document.
   */
  read<T>(pageId: string, read: (doc: Y.Doc) => T): Promise<T>
}
