/** The signed-in user's inbox: mentions in comments, with the unread count the header shows. */
import type { Context } from 'hono'
import { ApiError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'
import { type RouteHandlers, type RouteSpecs, signedIn } from '../http/route-table.ts'
import type { CommentRouteDeps } from './routes.ts'

export const NOTIFICATION_ROUTES = {
  listNotifications: { method: 'GET', path: '/api/me/notifications', guard: signedIn },
  markNotificationRead: {
    method: 'POST',
    path: '/api/me/notifications/:notificationId/read',
    guard: signedIn,
  },
  markAllNotificationsRead: { method: 'POST', path: '/api/me/notifications/read', guard: signedIn },
} as const satisfies RouteSpecs

export function notificationHandlers({
  notifications,
}: CommentRouteDeps): RouteHandlers<typeof NOTIFICATION_ROUTES> {
  const me = (c: Context<AppEnv>) => {
    const auth = c.get('auth')
    if (!auth) throw new ApiError(401, 'unauthenticated', 'Sign in first')
    return auth.user.id
  }

  return {
    listNotifications: async (c) => {
      const userId = me(c)
      const [unread, list] = await Promise.all([
        notifications.unreadCount(userId),
        notifications.list(userId),
      ])
      return c.json({ unread, notifications: list })
    },
    markNotificationRead: async (c) => {
      if (!(await notifications.markRead(me(c), c.req.param('notificationId') ?? '')))
        throw new ApiError(404, 'notification_not_found', 'No such notification')
      return c.body(null, 204)
    },
    markAllNotificationsRead: async (c) => {
      await notifications.markAllRead(me(c))
      return c.body(null, 204)
    },
  }
}
