/** The API shape of a thread: its rows plus where its anchor stands in the page's current body. */
import type * as Y from 'yjs'
import type { CommentMessage, CommentThread, Person } from '../domain/comments.ts'
import type { ThreadStatus } from '../store/schema.ts'
import { resolveAnchor } from './anchor.ts'

export interface ThreadView {
  id: string
  pageId: string
  status: ThreadStatus
  /** The passage as it read when the thread was opened; kept when the passage is deleted. */
  quote: string
  /** The passage is gone from the body: the thread stays, shown with its quote. */
  detached: boolean
  /** The passage as it reads now (null when detached). */
  text: string | null
  /** The encoded relative positions (base64), for clients to highlight the passage. */
  anchor: { start: string; end: string }
  createdBy: Person
  createdAt: number
  updatedAt: number
  resolvedBy: Person | null
  resolvedAt: number | null
  messages: CommentMessage[]
}

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
