/**
 * The copy of one page's body kept on this device: y-indexeddb stores every update of the Y.Doc
 * as it happens, so what was typed survives a reload, a closed tab and a browser restart, and is
 * merged back into the document (and so sent) the next time the page connects.
 */
import { IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'

export class LocalCopy {
  readonly persistence: IndexeddbPersistence
  readonly whenLoaded: Promise<void>

  constructor(name: string, doc: Y.Doc) {
    this.persistence = new IndexeddbPersistence(name, doc)
    this.whenLoaded = this.persistence.whenSynced.then(() => undefined)
  }

  destroy(): void {
    void this.persistence.destroy()
  }
}
