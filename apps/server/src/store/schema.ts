/** Table types for Kysely. One interface per table; the migrations are the source of truth. */
import type { Generated } from 'kysely'
import type { QuotationTables } from './schema-quotations.ts'
import type { TypologyTables } from './schema-typology.ts'

export interface DocUpdateTable {
  id: Generated<number>
  doc_name: string
  data: Uint8Array
  created_at: number
  /** Who wrote the update's content (null when it added or deleted nothing, or came before migration 0016). */
  author_id: string | null
  /** Its item ranges, until compaction moves them to doc_authorship (store/authorship-rows.ts). */
  authorship: string | null
}

export interface DocClientTable {
  doc_name: string
  client: number
  user_id: string
}

export interface DocAuthorshipTable {
  id: Generated<number>
  doc_name: string
  kind: 'insert' | 'delete'
  client: number
  clock: number
  length: number
  user_id: string
  /** How the content came: null when typed; `restore:<versionId>` for a restore. */
  via: string | null
  at: number
}

export interface PageVersionTable {
  id: string
  page_id: string
  kind: string
  name: string | null
  created_at: number
  created_by: string | null
  /** JSON array of user ids. */
  contributors: string
  title: string
  /** JSON of the case properties, or null for pages without any. */
  properties: string | null
  fingerprint: string
  /** The document state: a Yjs update, deflated. */
  state: Uint8Array
}

export interface DocSnapshotTable {
  doc_name: string
  data: Uint8Array
  /** Highest doc_update id merged into this snapshot. */
  merged_through: number
  updated_at: number
}

export type { NotificationKind, PageKind, Role, ThreadStatus } from '@tisserand/api-types'

import type { NotificationKind, PageKind, Role, ThreadStatus } from '@tisserand/api-types'
/** 'template' is the workspace's case-sheet template: a page edited like any other, hidden from the tree. */

export interface UserTable {
  id: string
  email: string
  name: string
  password_hash: string
  created_at: number
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  id_hash: string
  user_id: string
  created_at: number
  expires_at: number
}

export interface ApiTokenTable {
  id: string
  user_id: string
  name: string
  token_hash: string
  created_at: number
  last_used_at: number | null
}

export interface WorkspaceTable {
  id: string
  name: string
  created_at: number
}

export interface MemberTable {
  workspace_id: string
  user_id: string
  role: Role
  created_at: number
}

export interface InviteTable {
  id: string
  workspace_id: string
  token_hash: string
  role: Role
  created_by: string
  created_at: number
  expires_at: number
  revoked_at: number | null
  uses: number
}

export interface PageTable {
  id: string
  workspace_id: string
  parent_id: string | null
  title: string
  kind: PageKind
  position: number
  created_by: string
  created_at: number
  updated_at: number
  archived_at: number | null
}

export interface AccountTables {
  user: UserTable
  session: SessionTable
  api_token: ApiTokenTable
  workspace: WorkspaceTable
  member: MemberTable
  invite: InviteTable
  page: PageTable
}

/** Case attributes and other structured fields of a page, as validated JSON (pages/page-properties.ts). */
export interface PagePropertyTable {
  page_id: string
  data: string
  updated_at: number
}

/** What the server derived from a page body the last time it read it (derive/). */
export interface PageDerivedTable {
  page_id: string
  /** JSON `[{level, text}]`. */
  headings: string
  derived_at: number
}

export interface PageLinkTable {
  source_id: string
  target_id: string
}

/** Recent changes: one row per page and editor per editing session (coalesced, pages/recent-changes.ts). */
export interface PageChangeTable {
  id: Generated<number>
  workspace_id: string
  page_id: string
  user_id: string
  first_at: number
  last_at: number
}

export interface WikiTables {
  page_property: PagePropertyTable
  page_derived: PageDerivedTable
  page_link: PageLinkTable
  page_change: PageChangeTable
}

/** A discussion on a passage; its anchor lives beside the page body, never inside it. */
export interface CommentThreadTable {
  id: string
  workspace_id: string
  page_id: string
  /** `Y.encodeRelativePosition` of the passage's start and end in the body fragment. */
  anchor_start: Uint8Array
  anchor_end: Uint8Array
  quote: string
  status: ThreadStatus
  created_by: string
  created_at: number
  updated_at: number
  resolved_by: string | null
  resolved_at: number | null
}

export interface CommentMessageTable {
  id: string
  thread_id: string
  author_id: string
  body: string
  created_at: number
  edited_at: number | null
  deleted_at: number | null
}

export interface NotificationTable {
  id: string
  user_id: string
  workspace_id: string
  kind: NotificationKind
  actor_id: string | null
  page_id: string | null
  thread_id: string | null
  message_id: string | null
  created_at: number
  read_at: number | null
}

export interface CommentTables {
  comment_thread: CommentThreadTable
  comment_message: CommentMessageTable
  notification: NotificationTable
}

export interface Database extends AccountTables, WikiTables, CommentTables {
  doc_update: DocUpdateTable
  doc_snapshot: DocSnapshotTable
  doc_client: DocClientTable
  doc_authorship: DocAuthorshipTable
  page_version: PageVersionTable
}

/** The typology's tables (schema-typology.ts) join the database by declaration merging. */
export interface Database extends TypologyTables {}

/** Quotations, evidence tables and memos (schema-quotations.ts). */
export interface Database extends QuotationTables {}
