/** Typed calls to each API route the app uses; paths match apps/server/src/http/route-table.ts. */
import { api } from './client.ts'
import type {
  CreatedInvite,
  CreatedToken,
  Invite,
  InviteInfo,
  Member,
  PageDetails,
  PageKind,
  PageSummary,
  Role,
  TokenSummary,
  User,
  WorkspaceSummary,
} from './types.ts'

const enc = encodeURIComponent

export const accountApi = {
  setupStatus: () => api.get<{ needed: boolean }>('/api/setup'),
  setup: (body: { email: string; name: string; password: string }) =>
    api.post<{ user: User }>('/api/setup', body),
  login: (body: { email: string; password: string }) => api.post<{ user: User }>('/api/auth/login', body),
  logout: () => api.post<{ ok: true }>('/api/auth/logout'),
  me: () => api.get<{ user: User }>('/api/me'),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    api.post<{ ok: true }>('/api/me/password', body),
}

export const tokenApi = {
  list: () => api.get<{ tokens: TokenSummary[] }>('/api/tokens'),
  create: (name: string) => api.post<CreatedToken>('/api/tokens', { name }),
  revoke: (id: string) => api.delete(`/api/tokens/${enc(id)}`),
}

export const workspaceApi = {
  list: () => api.get<WorkspaceSummary[]>('/api/workspaces'),
  get: (id: string) => api.get<WorkspaceSummary>(`/api/workspaces/${enc(id)}`),
  members: (id: string) => api.get<{ members: Member[] }>(`/api/workspaces/${enc(id)}/members`),
  changeRole: (id: string, userId: string, role: Role) =>
    api.patch<{ userId: string; role: Role }>(`/api/workspaces/${enc(id)}/members/${enc(userId)}`, { role }),
  removeMember: (id: string, userId: string) =>
    api.delete(`/api/workspaces/${enc(id)}/members/${enc(userId)}`),
  leave: (id: string) => api.post<void>(`/api/workspaces/${enc(id)}/leave`),
  invites: (id: string) => api.get<{ invites: Invite[] }>(`/api/workspaces/${enc(id)}/invites`),
  createInvite: (id: string, body: { role: Role; expiresInDays: number }) =>
    api.post<CreatedInvite>(`/api/workspaces/${enc(id)}/invites`, body),
  revokeInvite: (id: string, inviteId: string) =>
    api.delete(`/api/workspaces/${enc(id)}/invites/${enc(inviteId)}`),
  eventsUrl: (id: string) => `/api/workspaces/${enc(id)}/events`,
}

export const inviteApi = {
  read: (token: string) => api.get<InviteInfo>(`/api/invites/${enc(token)}`),
  accept: (token: string) =>
    api.post<{ workspaceId: string; role: Role }>(`/api/invites/${enc(token)}/accept`),
  signup: (token: string, body: { email: string; name: string; password: string }) =>
    api.post<{ user: User; workspaceId: string; role: Role }>(`/api/invites/${enc(token)}/signup`, body),
}

export const pageApi = {
  list: (workspaceId: string) =>
    api.get<{ pages: PageSummary[] }>(`/api/workspaces/${enc(workspaceId)}/pages`),
  create: (workspaceId: string, body: { title: string; kind: PageKind }) =>
    api.post<PageSummary>(`/api/workspaces/${enc(workspaceId)}/pages`, body),
  get: (pageId: string) => api.get<PageDetails>(`/api/pages/${enc(pageId)}`),
}
