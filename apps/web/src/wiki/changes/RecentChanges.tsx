/** The workspace's recent changes: which page, who, how long ago (kept live from the event stream). */
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { wikiApi } from '../../api/endpoints.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import type { WorkspaceChange } from '../../api/types.ts'
import { useResource } from '../../api/useResource.ts'
import { formatDate } from '../../ui/formatDate.ts'
import { useWorkspaceEvents } from '../../workspace/useWorkspaceEvents.ts'
import '../wiki.css'
import { relativeTime } from '../ui/relativeTime.ts'

/** Edits are written to the feed at most once a minute; the stream tells about creations and moves. */
const REFRESH_MS = 30_000

export function RecentChanges({ workspaceId }: { workspaceId: string }) {
  const { t, i18n } = useTranslation()
  const titleId = useId()
  const changes = useResource(() => wikiApi.changes(workspaceId, 15), [workspaceId])
  const { reload } = changes
  const [now, setNow] = useState(Date.now())
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useWorkspaceEvents(
    workspaceId,
    useCallback(
      (change: WorkspaceChange | null) => {
        if (change !== null && !change.type.startsWith('page.')) return
        // The server records the change just after it announces it.
        if (timer.current) clearTimeout(timer.current)
        timer.current = setTimeout(reload, 400)
      },
      [reload],
    ),
  )
  useEffect(() => {
    const interval = setInterval(() => {
      setNow(Date.now())
      reload()
    }, REFRESH_MS)
    return () => clearInterval(interval)
  }, [reload])

  const list = changes.data?.changes ?? []
  return (
    <section className="recent-changes" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('wiki.changes.title')}
      </h2>
      {changes.error && (
        <p className="banner banner-denied" role="alert">
          {errorMessage(t, changes.error)}
        </p>
      )}
      {changes.data && list.length === 0 && <p className="empty">{t('wiki.changes.none')}</p>}
      <ul className="change-list">
        {list.map((change) => (
          <li key={`${change.pageId}-${change.userId}-${change.firstAt}`}>
            <div className="change-page">
              <Link to={`/p/${encodeURIComponent(change.pageId)}`}>{change.title}</Link>
              <span className={`kind-tag kind-${change.kind}`}>{t(`kinds.${change.kind}`)}</span>
            </div>
            <p className="change-meta">
              {t('wiki.changes.by', { name: change.userName })}{' '}
              <time
                dateTime={new Date(change.lastAt).toISOString()}
                title={formatDate(change.lastAt, i18n.language, true)}
              >
                {relativeTime(change.lastAt, i18n.language, Math.max(now, change.lastAt))}
              </time>
            </p>
          </li>
        ))}
      </ul>
    </section>
  )
}
