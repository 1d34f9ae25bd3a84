/**
 * The shapes of what the Tisserand API returns, shared by the server (which builds them) and the
 * web app (which reads them), so the two cannot drift apart. Types and constants only.
 */

export const ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const
export type Role = (typeof ROLES)[number]

/** Kinds people create; the workspace's case-sheet template is a page of kind 'template'. */
export const PAGE_KINDS = ['case', 'synthesis', 'note'] as const
export type CreatablePageKind = (typeof PAGE_KINDS)[number]
export type PageKind = CreatablePageKind | 'template'

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

export interface Page {
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

export type Access = 'read-write' | 'read-only'

export interface TokenSummary {
  id: string
  name: string
  createdAt: number
  lastUsedAt: number | null
}
