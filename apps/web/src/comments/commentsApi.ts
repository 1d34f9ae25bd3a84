/** Calls to the comment and notification routes (apps/server/src/http/route-table.ts). */
import { ApiError, api } from '../api/client.ts'
import type { AppNotification, EncodedAnchor, Thread, ThreadStatus, ThreadSummary } from './types.ts'

const enc = encodeURIComponent
const threadPath = (pageId: string, threadId: string) => `/api/pages/${enc(pageId)}/threads/${enc(threadId)}`

export const commentsApi = {
  list: (pageId: string) => api.get<{ threads: Thread[] }>(`/api/pages/${enc(pageId)}/threads`),

  /**
   * Opens a thread. The server answers 409 while the selected text has not reached it yet (it was
   * just typed): the call waits a little and tries again.
   */
  async create(pageId: string, input: { anchor: EncodedAnchor; quote: string; body: string }) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await api.post<Thread>(`/api/pages/${enc(pageId)}/threads`, input)
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'anchor_not_synced' || attempt >= 8) throw error
        await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)))
      }
    }
  },
  reply: (pageId: string, threadId: string, body: string) =>
    api.post<Thread>(`${threadPath(pageId, threadId)}/messages`, { body }),
  edit: (pageId: string, threadId: string, messageId: string, body: string) =>
    api.patch<Thread>(`${threadPath(pageId, threadId)}/messages/${enc(messageId)}`, { body }),
  remove: (pageId: string, threadId: string, messageId: string) =>
    api.delete(`${threadPath(pageId, threadId)}/messages/${enc(messageId)}`),
  setStatus: (pageId: string, threadId: string, status: ThreadStatus) =>
    api.post<Thread>(`${threadPath(pageId, threadId)}/${status === 'resolved' ? 'resolve' : 'reopen'}`),
  workspaceThreads: (workspaceId: string, status: ThreadStatus = 'open') =>
    api.get<{ threads: ThreadSummary[] }>(`/api/workspaces/${enc(workspaceId)}/threads?status=${status}`),
}

export const notificationsApi = {
  list: () => api.get<{ unread: number; notifications: AppNotification[] }>('/api/me/notifications'),
  markRead: (id: string) => api.post<void>(`/api/me/notifications/${enc(id)}/read`),
  markAllRead: () => api.post<void>('/api/me/notifications/read'),
}
