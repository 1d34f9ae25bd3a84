/** The shapes the Tisserand API returns (see apps/server/src/http/routes and docs/api.md). */

export type {
  Access,
  CreatablePageKind as PageKind,
  Invite,
  Member,
  Page as PageSummary,
  RecentChange,
  Role,
  TokenSummary,
  User,
  WorkspaceSummary,
} from '@tisserand/api-types'
export { PAGE_KINDS, ROLES } from '@tisserand/api-types'

import type {
  Access,
  Invite,
  CreatablePageKind as PageKind,
  Page as PageSummary,
  Role,
} from '@tisserand/api-types'

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

export interface PageDetails extends PageSummary {
  role: Role
  access: Access
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
  /** With a code filter: how the page carries the code. */
  coding?: { passages: number; caseLevel: boolean }
}

export interface TemplatePage extends PageSummary {
  canEdit: boolean
  /** Each section heading with the guidance under it (a case sheet's placeholders). */
  sections: { heading: string; guidance: string }[]
}
