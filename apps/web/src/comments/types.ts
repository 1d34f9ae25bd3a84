/** The comment and notification shapes the API returns (docs/api.md#comments), from packages/api-types. */
export type {
  CommentMessage,
  Notification as AppNotification,
  PersonRef,
  Thread,
  ThreadStatus,
  ThreadSummary,
  WireAnchor as EncodedAnchor,
} from '@tisserand/api-types'
