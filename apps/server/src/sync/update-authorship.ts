/**
 * Who an update's content is from: the item ranges it adds and the visible ones it deletes, read
 * from the decoded update against the live document before the update is applied (so content a
 * client sends again, or deletes again, is credited to nobody new). Each client id belongs to the
 * user whose connection first sent content for it; content for someone else's id is refused.
 */
import * as Y from 'yjs'
import type { ItemRange, UpdateAuthorship } from '../store/doc-store.ts'

/** Content for a Yjs client id that belongs to another user. */
export class ClientIdTaken extends Error {}

type Decoded = ReturnType<typeof Y.decodeUpdate>

export function updateAuthorship(
  doc: Y.Doc,
  decoded: Decoded,
  owners: ReadonlyMap<number, string>,
  userId: string,
  via: string | null,
): UpdateAuthorship {
  const inserted: ItemRange[] = []
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    const { client, clock } = struct.id
    const known = Y.getState(doc.store, client)
    const start = Math.max(clock, known)
    const end = clock + struct.length
    if (start < end) pushRange(inserted, client, start, end - start)
  }
  const newClients: number[] = []
  for (const client of new Set(inserted.map((r) => r.client))) {
    const owner = owners.get(client)
    if (owner === undefined) newClients.push(client)
    else if (owner !== userId) throw new ClientIdTaken(`client id ${client} belongs to another user`)
  }
  const deleted: ItemRange[] = []
  for (const [client, items] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client)
    if (!structs) continue
    const known = Y.getState(doc.store, client)
    for (const { clock, len } of items) {
      const end = Math.min(clock + len, known)
      if (clock >= end) continue
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i]
        if (!struct || struct.id.clock >= end) break
        if (struct.deleted) continue
        const from = Math.max(struct.id.clock, clock)
        const to = Math.min(struct.id.clock + struct.length, end)
        if (from < to) pushRange(deleted, client, from, to - from)
      }
    }
  }
  return { userId, via, inserted, deleted, newClients }
}

/** Appends a range, extending the last one when it continues it. */
function pushRange(ranges: ItemRange[], client: number, clock: number, length: number): void {
  const last = ranges.at(-1)
  if (last && last.client === client && last.clock + last.length === clock) last.length += length
  else ranges.push({ client, clock, length })
}
