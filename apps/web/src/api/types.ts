/** The shapes the Tisserand API returns (see apps/server/src/http/routes and docs/api.md). */

export const ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const PAGE_KINDS = ['case', 'synthesis', 'note'] as const
export type PageKind = (typeof PAGE_KINDS)[number]

export interface User {
  id: string
  email: string
  name: string
  createdAt: number
}

export interface WorkspaceSummary {
  id: string
  name: string
  role: Role
}

export interface Member {
  userId: string
  name: string
  email: string
  role: Role
  joinedAt: number
}

export interface Invite {
  id: string
  role: Role
  createdAt: number
  expiresAt: number
  uses: number
}

export interface CreatedInvite extends Invite {
  token: string
  /** '/invite/<token>': relative to the app's origin. */
  path: string
}

export interface InviteInfo {
  workspaceId: string
  workspaceName: string
  role: Role
  expiresAt: number
}

export interface PageSummary {
  id: string
  workspaceId: string
  parentId: string | null
  title: string
  kind: PageKind
  position: number
  createdBy: string
  createdAt: number
  updatedAt: number
  archivedAt: number | null
}

export interface PageDetails extends PageSummary {
  role: Role
  access: 'read-write' | 'read-only'
}

export interface TokenSummary {
  id: string
  name: string
  createdAt: number
  lastUsedAt: number | null
}

export interface CreatedToken {
  id: string
  name: string
  createdAt: number
  /** Shown once: the server keeps only its hash. */
  token: string
}

/** What the workspace event stream sends as `event: change`. */
export interface WorkspaceChange {
  type: string
  pageId?: string
  actorId?: string
  /** `page.links`: the pages whose backlinks changed. */
  targets?: string[]
}

/** The wiki (docs/api.md#wiki). */
export interface TrashedPage extends PageSummary {
  /** Pages archived with it (its descendants at the time). */
  descendantCount: number
}

export const NEEDS_ORIGINS = ['beneficiaries', 'initiative', 'both'] as const
export const CASE_STATUSES = ['active', 'paused', 'ended'] as const

export interface CaseProperties {
  territory: string | null
  yearFounded: number | null
  needsOrigin: (typeof NEEDS_ORIGINS)[number] | null
  status: (typeof CASE_STATUSES)[number] | null
}

export interface Backlink {
  pageId: string
  title: string
  kind: PageKind
}

export interface SearchResult {
  pageId: string
  title: string
  kind: PageKind
  /** HTML from the server: escaped text with the matched words in <mark>. */
  snippet: string
}

export interface RecentChange {
  pageId: string
  title: string
  kind: PageKind
  userId: string
  userName: string
  firstAt: number
  lastAt: number
}

export interface TemplatePage extends PageSummary {
  canEdit: boolean
}
