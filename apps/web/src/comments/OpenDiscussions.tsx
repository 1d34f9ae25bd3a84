/** The workspace's open discussions, most recently active first, each linking to its thread. */
import { useCallback, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { errorMessage } from '../api/errorMessage.ts'
import type { WorkspaceChange } from '../api/types.ts'
import { useResource } from '../api/useResource.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { commentsApi } from './commentsApi.ts'
import { shortQuote } from './shortQuote.ts'
import './comments.css'

export function OpenDiscussions({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation()
  const titleId = useId()
  const threads = useResource(() => commentsApi.workspaceThreads(workspaceId, 'open'), [workspaceId])
  const { reload } = threads
  useWorkspaceEvents(
    workspaceId,
    useCallback(
      (change: WorkspaceChange | null) => {
        if (change === null || change.type.startsWith('thread.')) reload()
      },
      [reload],
    ),
  )
  const list = threads.data?.threads ?? []
  return (
    <section className="open-discussions" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('comments.openDiscussions')}
      </h2>
      {threads.error && (
        <p className="banner banner-denied" role="alert">
          {errorMessage(t, threads.error)}
        </p>
      )}
      {threads.data && list.length === 0 && <p className="hint">{t('comments.noOpenDiscussions')}</p>}
      <ul className="discussion-list">
        {list.map((thread) => (
          <li key={thread.id}>
            <Link
              className="discussion-link"
              to={`/p/${encodeURIComponent(thread.pageId)}?thread=${encodeURIComponent(thread.id)}`}
            >
              <span className="discussion-page">{thread.pageTitle}</span>
              <q className="discussion-quote">{shortQuote(thread.quote)}</q>
              <span className="discussion-meta">
                {t('comments.discussionMeta', { name: thread.createdBy.name, count: thread.messageCount })}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
