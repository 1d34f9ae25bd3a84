/**
 * Page bodies for the typology's derived data: read a page's current Y.Doc, and hear when a
 * page's body changes (each update is appended to the log before it is applied or broadcast).
 */
import type * as Y from 'yjs'
import type { DocStore } from '../store/doc-store.ts'

export interface PageBodies {
  /** Runs `read` on the page's current document; `read` must not keep or modify it. */
  read<T>(pageId: string, read: (doc: Y.Doc) => T): Promise<T>
}

/** Calls `listener` with the document's name after each update is durably appended to `store`. */
export function observeAppends(store: DocStore, listener: (docName: string) => void): void {
  const append = store.append.bind(store)
  store.append = (async (...args: Parameters<DocStore['append']>) => {
    const result = await append(...args)
    listener(args[0])
    return result
  }) as DocStore['append']
}
