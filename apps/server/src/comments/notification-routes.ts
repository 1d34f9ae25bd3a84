/** The signed-in user's inbox: mentions in comments, with the unread count the header shows. */
import type { Context } from 'hono'
import type { Register, RouteDeps } from '../http/deps.ts'
import type { AppEnv } from '../http/env.ts'
import { ApiError } from '../http/errors.ts'

export function registerNotificationRoutes(on: Register, { notifications }: RouteDeps): void {
  const me = (c: Context<AppEnv>) => {
    const auth = c.get('auth')
    if (!auth) throw new ApiError(401, 'unauthenticated', 'Sign in first')
    return auth.user.id
  }

  on('listNotifications', async (c) => {
    const userId = me(c)
    const [unread, list] = await Promise.all([notifications.unreadCount(userId), notifications.list(userId)])
    return c.json({ unread, notifications: list })
  })

  on('markNotificationRead', async (c) => {
    if (!(await notifications.markRead(me(c), c.req.param('notificationId') ?? '')))
      throw new ApiError(404, 'notification_not_found', 'No such notification')
    return c.body(null, 204)
  })

  on('markAllNotificationsRead', async (c) => {
    await notifications.markAllRead(me(c))
    return c.body(null, 204)
  })
}
