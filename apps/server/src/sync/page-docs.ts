/**
 * Page bodies for what lives beside them (derive passes, comment anchors, coded passages), and the
 * one way the server itself changes a body (templates, seeds; restores and imports later).
 */
import * as Y from 'yjs'
import type { DocStore } from '../store/doc-store.ts'
import { applyStoredDoc, isNonEmptyUpdate } from './doc-state.ts'

export interface PageDocs {
  /**
   * Runs `read` synchronously on the page's current document: the live one when the page is open
   * (it holds everything stored), otherwise one loaded from storage (SyncServer.readDoc).
   * `read` must not keep or modify the document.
   */
  read<T>(pageId: string, read: (doc: Y.Doc) => T): Promise<T>
  /**
   * A change made by the server, as a Yjs update: stored, then applied to the live document and
   * broadcast, exactly like a client's update (SyncServer.writeAsServer), credited to `author`
   * when given. Throws on bytes that do not decode; resolves once the update is stored.
   */
  write(pageId: string, update: Uint8Array, author?: ServerWriteAuthor): Promise<void>
}

/** Who asked for a change the server makes (a restore), and how it is credited. */
export interface ServerWriteAuthor {
  userId: string
  /** e.g. `restore:<versionId>`. */
  via?: string
}

/** Page docs straight from storage, for when no sync server runs (tools, benchmarks). */
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
    async write(pageId, update) {
      // With no live document, storing it is the whole path: nobody to apply it for or tell.
      // (Tools only: the running server writes through SyncServer.writeAsServer, which credits authors.)
      if (isNonEmptyUpdate(update)) await store.append(pageId, update)
    },
  }
}
