/**
 * "Who wrote this": the page's current plain text as runs, each credited to its author, and who
 * each Yjs client id of the page belongs to (the browser colours its live text with that).
 */
import type { AuthorshipClient, AuthorshipRun, PageAuthorship } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import { readPageContent } from '../derive/page-content.ts'
import type { DocStore } from '../store/doc-store.ts'
import type { Database } from '../store/schema.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import { AuthorIndex, type Credit } from './author-index.ts'
import { peopleById } from './people.ts'

interface Piece extends Credit {
  text: string
}

export async function pageAuthorship(
  db: Kysely<Database>,
  store: DocStore,
  docs: PageDocs,
  pageId: string,
): Promise<PageAuthorship> {
  const [rows, owners] = await Promise.all([store.authorship(pageId), store.clientOwners(pageId)])
  const inserts = new AuthorIndex(
    rows.filter((r) => r.kind === 'insert'),
    owners,
  )
  const pieces = await docs.read(pageId, (doc) => {
    const out: Piece[] = []
    readPageContent(doc, (piece, item) => {
      // Separators and leaf placeholders belong to nobody; text is credited item by item.
      if (!item || !(item.content instanceof Y.ContentString)) {
        out.push({ text: piece, userId: null, via: null, at: null })
        return
      }
      for (const span of inserts.spans(item.id.client, item.id.clock, piece.length)) {
        out.push({ ...span, text: piece.slice(span.offset, span.offset + span.length) })
      }
    })
    return out
  })
  const runs: Piece[] = []
  for (const piece of pieces) {
    const last = runs.at(-1)
    if (last && last.userId === piece.userId && last.via === piece.via) {
      last.text += piece.text
      if (piece.at !== null) last.at = Math.max(last.at ?? 0, piece.at)
    } else runs.push({ ...piece })
  }
  const people = await peopleById(db, [
    ...runs.flatMap((r) => (r.userId ? [r.userId] : [])),
    ...owners.values(),
  ])
  const restoredFrom = (via: string | null) =>
    via?.startsWith('restore:') ? { restoredFrom: via.slice('restore:'.length) } : {}
  const lastWrite = new Map<number, { at: number; via: string | null }>()
  for (const row of rows) {
    if (row.kind !== 'insert') continue
    const seen = lastWrite.get(row.client)
    if (!seen || row.at > seen.at) lastWrite.set(row.client, { at: row.at, via: row.via })
  }
  const clients: AuthorshipClient[] = [...owners].map(([clientId, userId]) => ({
    clientId,
    author: people.get(userId) ?? null,
    at: lastWrite.get(clientId)?.at ?? null,
    ...restoredFrom(lastWrite.get(clientId)?.via ?? null),
  }))
  const credited: AuthorshipRun[] = runs.map((run) => ({
    text: run.text,
    author: (run.userId && people.get(run.userId)) || null,
    at: run.at,
    ...restoredFrom(run.via),
  }))
  return { runs: credited, clients }
}
