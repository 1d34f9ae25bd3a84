/**
 * Every API route with the access it requires. Routes are registered from this table only, so
 * the role × route test can walk it and no route escapes the policy.
 *
 * - public: anyone (login, setup, reading an invite);
 * - login: any signed-in user, acting on their own account;
 * - workspace: a member of `:workspaceId` whose role allows `action` (POLICY in access/policy.ts);
 * - page: the same, for the workspace that holds `:pageId`.
 */
import type { Action } from '../access/policy.ts'
import { FILE_ROUTES } from '../files/index.ts'
import { TYPOLOGY_ROUTES } from '../typology/route-specs.ts'

export type Guard =
  | { kind: 'public' }
  | { kind: 'login' }
  | { kind: 'workspace'; action: Action }
  | { kind: 'page'; action: Action }

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  guard: Guard
}

const pub = { kind: 'public' } as const
const login = { kind: 'login' } as const
const ws = (action: Action) => ({ kind: 'workspace', action }) as const
const page = (action: Action) => ({ kind: 'page', action }) as const

export const ROUTES = {
  setupStatus: { method: 'GET', path: '/api/setup', guard: pub },
  setup: { method: 'POST', path: '/api/setup', guard: pub },
  login: { method: 'POST', path: '/api/auth/login', guard: pub },
  logout: { method: 'POST', path: '/api/auth/logout', guard: login },
  me: { method: 'GET', path: '/api/me', guard: login },
  changePassword: { method: 'POST', path: '/api/me/password', guard: login },
  listTokens: { method: 'GET', path: '/api/tokens', guard: login },
  createToken: { method: 'POST', path: '/api/tokens', guard: login },
  revokeToken: { method: 'DELETE', path: '/api/tokens/:tokenId', guard: login },
  listWorkspaces: { method: 'GET', path: '/api/workspaces', guard: login },
  createWorkspace: { method: 'POST', path: '/api/workspaces', guard: login },
  getWorkspace: { method: 'GET', path: '/api/workspaces/:workspaceId', guard: ws('workspace.read') },
  renameWorkspace: { method: 'PATCH', path: '/api/workspaces/:workspaceId', guard: ws('workspace.rename') },
  listMembers: { method: 'GET', path: '/api/workspaces/:workspaceId/members', guard: ws('member.list') },
  changeRole: {
    method: 'PATCH',
    path: '/api/workspaces/:workspaceId/members/:userId',
    guard: ws('member.manage'),
  },
  removeMember: {
    method: 'DELETE',
    path: '/api/workspaces/:workspaceId/members/:userId',
    guard: ws('member.manage'),
  },
  leaveWorkspace: { method: 'POST', path: '/api/workspaces/:workspaceId/leave', guard: ws('workspace.read') },
  listInvites: { method: 'GET', path: '/api/workspaces/:workspaceId/invites', guard: ws('invite.manage') },
  createInvite: { method: 'POST', path: '/api/workspaces/:workspaceId/invites', guard: ws('invite.manage') },
  revokeInvite: {
    method: 'DELETE',
    path: '/api/workspaces/:workspaceId/invites/:inviteId',
    guard: ws('invite.manage'),
  },
  readInvite: { method: 'GET', path: '/api/invites/:token', guard: pub },
  acceptInvite: { method: 'POST', path: '/api/invites/:token/accept', guard: login },
  signupWithInvite: { method: 'POST', path: '/api/invites/:token/signup', guard: pub },
  listPages: { method: 'GET', path: '/api/workspaces/:workspaceId/pages', guard: ws('page.read') },
  createPage: { method: 'POST', path: '/api/workspaces/:workspaceId/pages', guard: ws('page.create') },
  getPage: { method: 'GET', path: '/api/pages/:pageId', guard: page('page.read') },
  updatePage: { method: 'PATCH', path: '/api/pages/:pageId', guard: page('page.update') },
  // The wiki (http/routes/wiki.ts, docs/api.md#wiki).
  archivePage: { method: 'POST', path: '/api/pages/:pageId/archive', guard: page('page.update') },
  restorePage: { method: 'POST', path: '/api/pages/:pageId/restore', guard: page('page.update') },
  deletePage: { method: 'DELETE', path: '/api/pages/:pageId', guard: page('page.delete') },
  listTrash: { method: 'GET', path: '/api/workspaces/:workspaceId/trash', guard: ws('page.read') },
  getPageProperties: { method: 'GET', path: '/api/pages/:pageId/properties', guard: page('page.read') },
  updatePageProperties: {
    method: 'PATCH',
    path: '/api/pages/:pageId/properties',
    guard: page('page.update'),
  },
  getPageOutline: { method: 'GET', path: '/api/pages/:pageId/outline', guard: page('page.read') },
  listBacklinks: { method: 'GET', path: '/api/pages/:pageId/backlinks', guard: page('page.read') },
  getTemplate: { method: 'GET', path: '/api/workspaces/:workspaceId/template', guard: ws('page.read') },
  search: { method: 'GET', path: '/api/workspaces/:workspaceId/search', guard: ws('page.read') },
  recentChanges: { method: 'GET', path: '/api/workspaces/:workspaceId/changes', guard: ws('page.read') },
  workspaceEvents: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/events',
    guard: ws('workspace.read'),
  },
  // Comments (http/routes/comments.ts, docs/api.md#comments).
  listThreads: { method: 'GET', path: '/api/pages/:pageId/threads', guard: page('page.read') },
  createThread: { method: 'POST', path: '/api/pages/:pageId/threads', guard: page('page.comment') },
  replyThread: {
    method: 'POST',
    path: '/api/pages/:pageId/threads/:threadId/messages',
    guard: page('page.comment'),
  },
  editMessage: {
    method: 'PATCH',
    path: '/api/pages/:pageId/threads/:threadId/messages/:messageId',
    guard: page('page.comment'),
  },
  deleteMessage: {
    method: 'DELETE',
    path: '/api/pages/:pageId/threads/:threadId/messages/:messageId',
    guard: page('page.comment'),
  },
  resolveThread: {
    method: 'POST',
    path: '/api/pages/:pageId/threads/:threadId/resolve',
    guard: page('page.comment'),
  },
  reopenThread: {
    method: 'POST',
    path: '/api/pages/:pageId/threads/:threadId/reopen',
    guard: page('page.comment'),
  },
  listWorkspaceThreads: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/threads',
    guard: ws('page.read'),
  },
  listNotifications: { method: 'GET', path: '/api/me/notifications', guard: login },
  markNotificationRead: {
    method: 'POST',
    path: '/api/me/notifications/:notificationId/read',
    guard: login,
  },
  markAllNotificationsRead: { method: 'POST', path: '/api/me/notifications/read', guard: login },
  // The typology (typology/route-specs.ts, docs/api.md#typology).
  ...TYPOLOGY_ROUTES,
  // Uploaded images (files/routes.ts, docs/api.md#files).
  ...FILE_ROUTES,
} as const satisfies Record<string, RouteSpec>

export type RouteName = keyof typeof ROUTES

/**
 * Actions on the collaboration socket, checked by the sync server with the same table:
 * opening a page's socket needs `page.read`; its updates are kept only with `page.edit`.
 */
export const SOCKET_ACTIONS = { connect: 'page.read', write: 'page.edit' } as const satisfies Record<
  string,
  Action
>
