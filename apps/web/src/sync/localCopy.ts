/**
 * The copy of one page's body kept on this device: y-indexeddb stores every update of the Y.Doc
 * as it happens, so what was typed survives a reload, a closed tab and a browser restart, and is
 * merged back into the document (and so sent) the next time the page connects.
 *
 * IndexedDB writes are asynchronous, and a reload or a closed tab right after a keystroke can
 * abort the last ones. So the updates of the last few seconds are also written, synchronously, to
 * localStorage when the page is hidden or unloaded (`<database name>#rescue`), and applied again
 * the next time the copy opens; applying an update twice changes nothing in Yjs.
 */
import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import { rescueKey } from '../offline/idb.ts'

const RESCUE_WINDOW_MS = 5000

const toBase64 = (bytes: Uint8Array) => {
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(text)
}
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

export class LocalCopy {
  readonly persistence: IndexeddbPersistence
  readonly whenLoaded: Promise<void>
  private recent: { at: number; update: Uint8Array }[] = []
  private readonly key: string

  constructor(
    name: string,
    private readonly doc: Y.Doc,
  ) {
    this.key = rescueKey(name)
    this.persistence = new IndexeddbPersistence(name, doc)
    doc.on('update', this.onUpdate)
    window.addEventListener('pagehide', this.rescue)
    document.addEventListener('visibilitychange', this.onVisibility)
    this.whenLoaded = this.persistence.whenSynced.then(() => this.applyRescued())
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this.persistence) return
    const now = Date.now()
    this.recent.push({ at: now, update })
    while (this.recent.length > 0 && (this.recent[0]?.at ?? now) < now - RESCUE_WINDOW_MS) this.recent.shift()
  }

  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') this.rescue()
  }

  /** Writes the latest updates where a closing page cannot lose them. */
  private readonly rescue = () => {
    const now = Date.now()
    const updates = this.recent
      .filter((entry) => entry.at >= now - RESCUE_WINDOW_MS)
      .map((entry) => entry.update)
    if (updates.length === 0) return
    try {
      localStorage.setItem(this.key, toBase64(Y.mergeUpdates(updates)))
    } catch {
      // Storage full or unavailable: IndexedDB is all there is.
    }
  }

  private applyRescued(): void {
    let saved: string | null = null
    try {
      saved = localStorage.getItem(this.key)
    } catch {
      saved = null
    }
    if (!saved) return
    try {
      // Not the persistence's origin: y-indexeddb stores it, and it counts as a local change.
      Y.applyUpdate(this.doc, fromBase64(saved), 'rescued')
    } catch {
      // A damaged entry: nothing to recover from it.
    }
    try {
      localStorage.removeItem(this.key)
    } catch {
      // Nothing to remove it with.
    }
  }

  destroy(): void {
    window.removeEventListener('pagehide', this.rescue)
    document.removeEventListener('visibilitychange', this.onVisibility)
    this.doc.off('update', this.onUpdate)
    void this.persistence.destroy()
  }
}
