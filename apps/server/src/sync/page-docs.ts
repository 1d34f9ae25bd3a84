/** Read access to page bodies for what lives beside them (comment anchors, coded passages). */
import type * as Y from 'yjs'

export interface PageDocs {
  /**
   * Runs `read` synchronously on the page's current document: the live one when the page is
   * open (it holds everything stored), otherwise one loaded from storage (SyncServer.readDoc).
   * `read` must not keep or modify the document.
   */
  read<T>(pageId: string, read: (doc: Y.Doc) => T): Promise<T>
}
