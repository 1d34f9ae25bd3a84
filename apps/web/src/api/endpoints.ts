/** Typed calls to each API route the app uses; paths match apps/server/src/http/route-table.ts. */
import { api } from './client.ts'
import type {
  Backlink,
  CaseProperties,
  CreatedInvite,
  CreatedToken,
  Invite,
  InviteInfo,
  Member,
  PageDetails,
  PageKind,
  PageSummary,
  RecentChange,
  Role,
  SearchResult,
  TemplatePage,
  TokenSummary,
  TrashedPage,
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
  create: (workspaceId: string, body: { title: string; kind: PageKind; parentId?: string | null }) =>
    api.post<PageSummary>(`/api/workspaces/${enc(workspaceId)}/pages`, body),
  get: (pageId: string) => api.get<PageDetails>(`/api/pages/${enc(pageId)}`),
}

/** The wiki: tree moves, trash, case properties, links, search, recent changes (docs/api.md#wiki). */
export const wikiApi = {
  update: (pageId: string, body: { title?: string; parentId?: string | null; position?: number }) =>
    api.patch<PageSummary>(`/api/pages/${enc(pageId)}`, body),
  archive: (pageId: string) => api.post<{ pageIds: string[] }>(`/api/pages/${enc(pageId)}/archive`),
  restore: (pageId: string) => api.post<{ pageIds: string[] }>(`/api/pages/${enc(pageId)}/restore`),
  deleteForever: (pageId: string) => api.delete(`/api/pages/${enc(pageId)}`),
  trash: (workspaceId: string) =>
    api.get<{ pages: TrashedPage[] }>(`/api/workspaces/${enc(workspaceId)}/trash`),
  properties: (pageId: string) =>
    api.get<{ pageId: string; properties: CaseProperties }>(`/api/pages/${enc(pageId)}/properties`),
  updateProperties: (pageId: string, patch: Partial<CaseProperties>) =>
    api.patch<{ pageId: string; properties: CaseProperties }>(`/api/pages/${enc(pageId)}/properties`, patch),
  backlinks: (pageId: string) => api.get<{ backlinks: Backlink[] }>(`/api/pages/${enc(pageId)}/backlinks`),
  template: (workspaceId: string) => api.get<TemplatePage>(`/api/workspaces/${enc(workspaceId)}/template`),
  search: (workspaceId: string, q: string, kind?: PageKind, limit = 20, code?: string) => {
    const query = new URLSearchParams({ q, limit: String(limit) })
    if (kind) query.set('kind', kind)
    if (code) query.set('code', code)
    return api.get<{ results: SearchResult[] }>(`/api/workspaces/${enc(workspaceId)}/search?${query}`)
  },
  changes: (workspaceId: string, limit = 20) =>
    api.get<{ changes: RecentChange[] }>(`/api/workspaces/${enc(workspaceId)}/changes?limit=${limit}`),
}
