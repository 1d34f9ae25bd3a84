/** The header's inbox: unread count, and the latest mentions with a link to their thread. */
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { WorkspaceChange } from '../api/types.ts'
import { useResource } from '../api/useResource.ts'
import { useSession } from '../session/SessionContext.tsx'
import { formatDate } from '../ui/formatDate.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { notificationsApi } from './commentsApi.ts'
import { bodyParts } from './mentions.ts'
import './comments.css'

const POLL_MS = 60_000

/** Follows the current workspace's stream for mentions of the signed-in user. */
function WorkspaceMentions({
  workspaceId,
  userId,
  onMention,
}: {
  workspaceId: string
  userId: string
  onMention: () => void
}) {
  const onChange = useCallback(
    (change: WorkspaceChange | null) => {
      const userIds = (change as { userIds?: unknown } | null)?.userIds
      if (
        change === null ||
        (change.type === 'notification.created' && Array.isArray(userIds) && userIds.includes(userId))
      )
        onMention()
    },
    [userId, onMention],
  )
  useWorkspaceEvents(workspaceId, onChange)
  return null
}

function excerptText(body: string): string {
  return bodyParts(body)
    .map((part) => (part.kind === 'text' ? part.text : `@${part.name}`))
    .join('')
}

export function NotificationInbox() {
  const { t, i18n } = useTranslation()
  const { state, currentWorkspaceId } = useSession()
  const user = state.status === 'ready' ? state.user : null
  const inbox = useResource(() => (user ? notificationsApi.list() : Promise.resolve(null)), [user?.id])
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const root = useRef<HTMLDivElement>(null)
  const { reload } = inbox

  useEffect(() => {
    if (!user) return
    const timer = setInterval(reload, POLL_MS)
    return () => clearInterval(timer)
  }, [user, reload])

  useEffect(() => {
    if (!open) return
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !root.current?.contains(event.target as Node)
      )
        setOpen(false)
    }
    document.addEventListener('mousedown', close)
    document.addEventListener('keydown', close)
    return () => {
      document.removeEventListener('mousedown', close)
      document.removeEventListener('keydown', close)
    }
  }, [open])

  if (!user) return null
  const unread = inbox.data?.unread ?? 0
  const list = inbox.data?.notifications ?? []

  const markRead = async (id: string) => {
    await notificationsApi.markRead(id).catch(() => {})
    reload()
  }

  return (
    <div className="inbox" ref={root}>
      {currentWorkspaceId && (
        <WorkspaceMentions workspaceId={currentWorkspaceId} userId={user.id} onMention={reload} />
      )}
      <button
        type="button"
        className="inbox-button button-quiet"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={
          unread > 0
            ? `${t('notifications.title')} (${t('notifications.unread', { count: unread })})`
            : t('notifications.title')
        }
        title={t('notifications.title')}
        onClick={() => {
          setOpen((value) => !value)
          reload()
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" width="20" height="20" className="inbox-icon">
          <path
            d="M10 2.5a5 5 0 0 0-5 5v3.2L3.5 13.5h13L15 10.7V7.5a5 5 0 0 0-5-5zM8 15.5a2 2 0 0 0 4 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinejoin="round"
          />
        </svg>
        {unread > 0 && (
          <span className="inbox-count" data-testid="unread-count" aria-hidden="true">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <section id={panelId} className="inbox-panel card" aria-label={t('notifications.title')}>
          <div className="inbox-head">
            <h2>{t('notifications.title')}</h2>
            {unread > 0 && (
              <button
                type="button"
                className="button-quiet"
                onClick={() => void notificationsApi.markAllRead().then(reload)}
              >
                {t('notifications.markAllRead')}
              </button>
            )}
          </div>
          {list.length === 0 ? (
            <p className="hint">{t('notifications.empty')}</p>
          ) : (
            <ul className="inbox-list">
              {list.map((item) => (
                <li key={item.id} className={item.readAt === null ? 'is-unread' : undefined}>
                  <Link
                    to={
                      item.pageId
                        ? `/p/${encodeURIComponent(item.pageId)}${item.threadId ? `?thread=${encodeURIComponent(item.threadId)}` : ''}`
                        : '/'
                    }
                    onClick={() => {
                      setOpen(false)
                      if (item.readAt === null) void markRead(item.id)
                    }}
                  >
                    <span className="inbox-line">
                      {t('notifications.mention', {
                        name: item.actor?.name ?? '?',
                        page: item.pageTitle ?? '…',
                      })}
                    </span>
                    <span className="inbox-excerpt">{excerptText(item.excerpt)}</span>
                    <time className="inbox-time" dateTime={new Date(item.createdAt).toISOString()}>
                      {formatDate(item.createdAt, i18n.language, true)}
                    </time>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  )
}
