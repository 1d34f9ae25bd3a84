import { useEffect, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { pageApi } from '../api/endpoints.ts'
import { errorMessage } from '../api/errorMessage.ts'
import { useResource } from '../api/useResource.ts'
import { OpenDiscussions } from '../comments/OpenDiscussions.tsx'
import { NewPageForm } from './NewPageForm.tsx'
import { PageList } from './PageList.tsx'
import { canCreatePages, useWorkspace } from './useWorkspace.ts'
import { useWorkspaceEvents } from './useWorkspaceEvents.ts'

/** /w/:workspaceId — the workspace's pages, kept up to date live, and a form for a new one. */
export function WorkspaceHome() {
  const { workspaceId = '' } = useParams()
  const { t } = useTranslation()
  const navigate = useNavigate()
  const workspace = useWorkspace(workspaceId)
  const pages = useResource(() => pageApi.list(workspaceId), [workspaceId])
  const titleId = useId()
  const listTitleId = useId()

  useWorkspaceEvents(workspaceId, () => pages.reload())

  const name = workspace.data?.name
  useEffect(() => {
    document.title = name ? t('workspace.documentTitle', { name }) : t('app.name')
  }, [t, name])

  if (workspace.error)
    return (
      <section className="narrow-page">
        <p className="banner banner-denied" role="alert">
          {errorMessage(t, workspace.error)}
        </p>
      </section>
    )

  const role = workspace.data?.role
  return (
    <section className="workspace-home" aria-labelledby={titleId}>
      <div className="workspace-head">
        <div>
          <span className="eyebrow">{t('workspace.eyebrow')}</span>
          <h1 id={titleId}>{name ?? '…'}</h1>
          {role && <p className="hint">{t('workspace.yourRole', { role: t(`roles.${role}`) })}</p>}
        </div>
        <Link className="button-link" to={`/w/${encodeURIComponent(workspaceId)}/members`}>
          {t('members.link')}
        </Link>
      </div>
      <div className="workspace-columns">
        <section aria-labelledby={listTitleId} aria-busy={pages.loading && !pages.data}>
          <h2 id={listTitleId} className="section-title">
            {t('workspace.pages')}
          </h2>
          {pages.error && (
            <p className="banner banner-denied" role="alert">
              {errorMessage(t, pages.error)}
            </p>
          )}
          {pages.data && <PageList pages={pages.data.pages} labelledBy={listTitleId} />}
          <OpenDiscussions workspaceId={workspaceId} />
        </section>
        {canCreatePages(role) && (
          <NewPageForm
            workspaceId={workspaceId}
            onCreated={(page) => void navigate(`/p/${encodeURIComponent(page.id)}`)}
          />
        )}
      </div>
    </section>
  )
}
