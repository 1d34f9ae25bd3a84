/** The comments feature: threads anchored to passages, messages with mentions, notifications. */
export { Comments } from './comments.ts'
export { NOTIFICATION_ROUTES, notificationHandlers } from './notification-routes.ts'
export { Notifications } from './notifications.ts'
export { COMMENT_ROUTES, type CommentRouteDeps, commentHandlers } from './routes.ts'
