/** Read access to page bodies for what lives beside them (comment anchors, coded passages). */
import * as Y from 'yjs'
import type { DocStore } from '../store/doc-store.ts'
import { applyStoredDoc } from './doc-state.ts'

export interface PageDocs {
  /**
   * Runs `read` synchronously on the page's current document: the live one when the page is
   * open (it holds everything stored), otherwise one loaded from storage (SyncServer.readDoc).
   * `read` must not keep or modify the document.
   */
  read<T>(pageId: string, read: (doc: Y.Doc) => T): Promise<T>
}

/** Page docs straight from storage, for when no sync server runs (tools, benchmarks) or a page is not open. */
export function storedPageDocs(store: DocStore): PageDocs {
  return {
    async read(pageId, read) {
      const doc = new Y.Doc()
      try {
        applyStoredDoc(doc, await store.load(pageId))
        return read(doc)
      } finally {
        doc.destroy()
      }
    },
  }
}
