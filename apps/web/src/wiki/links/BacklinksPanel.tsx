/**
 * Pages that link here. Links are derived by the server a second or two after an edit; it then
 * sends `page.links` naming the pages whose backlinks changed, and the list reloads.
 */
import { useCallback, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { wikiApi } from '../../api/endpoints.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import type { WorkspaceChange } from '../../api/types.ts'
import { useResource } from '../../api/useResource.ts'
import { useWorkspaceEvents } from '../../workspace/useWorkspaceEvents.ts'
import '../wiki.css'

export function BacklinksPanel({ pageId, workspaceId }: { pageId: string; workspaceId: string }) {
  const { t } = useTranslation()
  const titleId = useId()
  const backlinks = useResource(() => wikiApi.backlinks(pageId), [pageId])
  const { reload } = backlinks

  useWorkspaceEvents(
    workspaceId,
    useCallback(
      (change: WorkspaceChange | null) => {
        if (change?.type === 'page.links') {
          if (change.targets?.includes(pageId)) reload()
        } else if (change === null || change.type.startsWith('page.')) reload()
      },
      [reload, pageId],
    ),
  )

  const list = backlinks.data?.backlinks ?? []
  return (
    <section className="backlinks" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('wiki.backlinks.title')}
      </h2>
      {backlinks.error && (
        <p className="banner banner-denied" role="alert">
          {errorMessage(t, backlinks.error)}
        </p>
      )}
      {backlinks.data && list.length === 0 && <p className="hint">{t('wiki.backlinks.none')}</p>}
      {list.length > 0 && (
        <ul className="backlink-list">
          {list.map((link) => (
            <li key={link.pageId}>
              <Link to={`/p/${encodeURIComponent(link.pageId)}`}>{link.title}</Link>{' '}
              <span className={`kind-tag kind-${link.kind}`}>{t(`kinds.${link.kind}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
