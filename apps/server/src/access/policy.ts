/**
 * Who may do what: the one policy table. Every HTTP route names one action and the sync server
 * asks the same table whether a socket may write; nothing else decides access.
 */
import { ROLES, type Role } from '@tisserand/api-types'

export { ROLES } from '@tisserand/api-types'

/** Actions inside a workspace. Account-level actions (own tokens, own password) need only a login. */
export const POLICY = {
  'workspace.read': ['owner', 'editor', 'commenter', 'viewer'],
  'workspace.rename': ['owner'],
  'member.list': ['owner', 'editor', 'commenter', 'viewer'],
  'member.manage': ['owner'],
  'invite.manage': ['owner'],
  'page.read': ['owner', 'editor', 'commenter', 'viewer'],
  'page.create': ['owner', 'editor'],
  'page.update': ['owner', 'editor'],
  /** Writing into a page body over the collaboration socket. */
  'page.edit': ['owner', 'editor'],
  'page.comment': ['owner', 'editor', 'commenter'],
  /** Deleting pages for good (archiving to the trash is `page.update`). */
  'page.delete': ['owner'],
  /** Editing the workspace's case-sheet template (its body over the socket, its title). */
  'template.edit': ['owner'],
  /** Resolving or reopening threads opened by someone else (commenters may only their own). */
  'comment.resolve-any': ['owner', 'editor'],
  /** Adding, renaming, moving, merging, retiring codes of the codebook, importing one. */
  'codebook.edit': ['owner', 'editor'],
  /** Naming a version of a page and restoring one (reading history is `page.read`). */
  'version.manage': ['owner', 'editor'],
  /** Applying codes to a page or to its passages. */
  'page.code': ['owner', 'editor'],
  /** Opening and revealing coding rounds (blind double coding). */
  'round.manage': ['owner'],
  /** Settling a revealed round's disagreements: owners, and the round's adjudicator (checked by the round). */
  'round.settle': ['owner', 'editor'],
  /** Uploading images into the workspace (files/). */
  'file.upload': ['owner', 'editor'],
  /** Importing documents (DOCX, Markdown, HTML, text, ZIP) as pages, and reading the case-sheet synonyms. */
  'document.import': ['owner', 'editor'],
  /** Editing the headings and labels an imported case sheet may use for the template's sections. */
  'import.synonyms': ['owner'],
} as const satisfies Record<string, readonly Role[]>

export type Action = keyof typeof POLICY

export function can(role: Role | null | undefined, action: Action): boolean {
  return role != null && (POLICY[action] as readonly Role[]).includes(role)
}

/**
 * Actions on the collaboration socket, checked by the sync server with the same table:
 * opening a page's socket needs `page.read`; its updates are kept only with `page.edit`.
 */
export const SOCKET_ACTIONS = { connect: 'page.read', write: 'page.edit' } as const satisfies Record<
  string,
  Action
>

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
