/** Turning stored bytes into Yjs documents and back. */
import * as Y from 'yjs'
import type { StoredDoc } from '../store/doc-store.ts'

/**
 * Applies a stored document to `doc`. Rows were validated before they were stored, so a row that
 * fails here means damage on disk: it is skipped and reported, and the rest still loads.
 */
export function applyStoredDoc(
  doc: Y.Doc,
  stored: StoredDoc,
  onBadRow?: (index: number, error: unknown) => void,
  origin: unknown = null,
) {
  const all = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates
  doc.transact(() => {
    all.forEach((update, index) => {
      try {
        Y.applyUpdate(doc, update)
      } catch (error) {
        onBadRow?.(index, error)
      }
    })
  }, origin)
}

/**
 * Checks that bytes decode as a Yjs update; returns false for an update that changes nothing
 * (y-websocket clients answer every sync step 1 with one, often empty), so it need not be stored.
 * Throws on bytes that do not decode.
 */
export function isNonEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  return structs.length > 0 || ds.clients.size > 0
}
