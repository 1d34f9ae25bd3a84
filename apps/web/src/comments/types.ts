/** The comment and notification shapes the API returns (docs/api.md#comments). */

export interface PersonRef {
  id: string
  name: string
}

export interface CommentMessage {
  id: string
  author: PersonRef
  body: string
  createdAt: number
  editedAt: number | null
  deleted: boolean
}

export type ThreadStatus = 'open' | 'resolved'

export interface EncodedAnchor {
  /** base64 of Y.encodeRelativePosition. */
  start: string
  end: string
}

export interface Thread {
  id: string
  pageId: string
  status: ThreadStatus
  quote: string
  detached: boolean
  text: string | null
  anchor: EncodedAnchor
  createdBy: PersonRef
  createdAt: number
  updatedAt: number
  resolvedBy: PersonRef | null
  resolvedAt: number | null
  messages: CommentMessage[]
}

export interface ThreadSummary {
  id: string
  pageId: string
  pageTitle: string
  quote: string
  status: ThreadStatus
  createdBy: PersonRef
  createdAt: number
  updatedAt: number
  messageCount: number
}

export interface AppNotification {
  id: string
  kind: 'mention'
  workspaceId: string
  actor: PersonRef | null
  pageId: string | null
  pageTitle: string | null
  threadId: string | null
  messageId: string | null
  excerpt: string
  createdAt: number
  readAt: number | null
}
