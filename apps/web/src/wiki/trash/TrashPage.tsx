/** /w/:workspaceId/trash — archived pages (each with what was archived with it): restore, or delete for good (owners). */
import { useCallback, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { wikiApi } from '../../api/endpoints.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import type { WorkspaceChange } from '../../api/types.ts'
import { useResource } from '../../api/useResource.ts'
import { useSession } from '../../session/SessionContext.tsx'
import { formatDate } from '../../ui/formatDate.ts'
import { useWorkspaceEvents } from '../../workspace/useWorkspaceEvents.ts'
import { canEditPages } from '../WikiSidebar.tsx'

export function TrashPage() {
  const { workspaceId = '' } = useParams()
  const { t, i18n } = useTranslation()
  const titleId = useId()
  const { workspaces, setCurrentWorkspaceId } = useSession()
  const role = workspaces?.find((w) => w.id === workspaceId)?.role
  const trash = useResource(() => wikiApi.trash(workspaceId), [workspaceId])
  const { reload } = trash
  const [message, setMessage] = useState('')
  const [failure, setFailure] = useState<string | null>(null)

  useEffect(() => setCurrentWorkspaceId(workspaceId), [workspaceId, setCurrentWorkspaceId])
  useEffect(() => {
    document.title = t('wiki.trash.documentTitle')
  }, [t])
  useWorkspaceEvents(
    workspaceId,
    useCallback(
      (change: WorkspaceChange | null) => {
        if (change === null || change.type.startsWith('page.')) reload()
      },
      [reload],
    ),
  )

  async function act(run: () => Promise<unknown>, done: string) {
    setFailure(null)
    try {
      await run()
      setMessage(done)
      reload()
    } catch (error) {
      setFailure(errorMessage(t, error))
    }
  }

  const pages = trash.data?.pages ?? []
  return (
    <section className="wiki-main trash-page" aria-labelledby={titleId}>
      <nav className="breadcrumb" aria-label={t('common.breadcrumb')}>
        <Link to={`/w/${encodeURIComponent(workspaceId)}`}>{t('page.backToWorkspace')}</Link>
      </nav>
      <h1 id={titleId}>{t('wiki.trash.title')}</h1>
      <p className="lead">{role === 'owner' ? t('wiki.trash.leadOwner') : t('wiki.trash.lead')}</p>
      <p className="form-success" role="status">
        {message}
      </p>
      {(failure || trash.error) && (
        <p className="banner banner-denied" role="alert">
          {failure ?? errorMessage(t, trash.error)}
        </p>
      )}
      {trash.data && pages.length === 0 && <p className="empty">{t('wiki.trash.empty')}</p>}
      {pages.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('wiki.trash.page')}</th>
              <th scope="col">{t('wiki.trash.archivedAt')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pages.map((page) => (
              <tr key={page.id}>
                <th scope="row">
                  {page.title} <span className={`kind-tag kind-${page.kind}`}>{t(`kinds.${page.kind}`)}</span>
                  {page.descendantCount > 0 && (
                    <span className="hint-inline">
                      {' '}
                      · {t('wiki.trash.withChildren', { count: page.descendantCount })}
                    </span>
                  )}
                </th>
                <td>{page.archivedAt ? formatDate(page.archivedAt, i18n.language, true) : ''}</td>
                <td className="row-actions">
                  {canEditPages(role) && (
                    <button
                      type="button"
                      aria-label={t('wiki.trash.restoreNamed', { title: page.title })}
                      onClick={() =>
                        void act(
                          () => wikiApi.restore(page.id),
                          t('wiki.trash.restored', { title: page.title }),
                        )
                      }
                    >
                      {t('wiki.trash.restore')}
                    </button>
                  )}{' '}
                  {role === 'owner' && (
                    <button
                      type="button"
                      className="button-danger"
                      aria-label={t('wiki.trash.deleteNamed', { title: page.title })}
                      onClick={() => {
                        if (!window.confirm(t('wiki.trash.confirmDelete', { title: page.title }))) return
                        void act(
                          () => wikiApi.deleteForever(page.id),
                          t('wiki.trash.deleted', { title: page.title }),
                        )
                      }}
                    >
                      {t('wiki.trash.delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
