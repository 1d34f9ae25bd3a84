/** The API shape of a thread: its rows plus where its anchor stands in the page's current body. */
import type { Thread as ThreadView } from '@tisserand/api-types'
import type * as Y from 'yjs'
import { resolveAnchor } from './anchor.ts'
import type { CommentThread } from './comments.ts'

export type { Thread as ThreadView } from '@tisserand/api-types'

export function threadView(thread: CommentThread, doc: Y.Doc): ThreadView {
  const where = resolveAnchor(doc, thread.anchor)
  return {
    id: thread.id,
    pageId: thread.pageId,
    status: thread.status,
    quote: thread.quote,
    detached: where.detached,
    text: where.text,
    anchor: { start: toBase64(thread.anchor.start), end: toBase64(thread.anchor.end) },
    createdBy: thread.createdBy,
    createdAt: thread.createdAt,
    updatedAt: thread.updatedAt,
    resolvedBy: thread.resolvedBy,
    resolvedAt: thread.resolvedAt,
    messages: thread.messages,
  }
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64')
}
