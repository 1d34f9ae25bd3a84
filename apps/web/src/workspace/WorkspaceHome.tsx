import { useEffect, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { pageApi } from '../api/endpoints.ts'
import { errorMessage } from '../api/errorMessage.ts'
import { QdpxImport } from '../coding/QdpxImport.tsx'
import { OpenDiscussions } from '../comments/OpenDiscussions.tsx'
import { DossierExport } from '../documents/export/DossierExport.tsx'
import { RecentChanges } from '../wiki/changes/RecentChanges.tsx'
import { NewPageForm } from './NewPageForm.tsx'
import { StudyGlance } from './StudyGlance.tsx'
import { canCreatePages, useWorkspace } from './useWorkspace.ts'

/** /w/:workspaceId — what changed lately, open discussions, and a form for a new page (the tree is beside it). */
export function WorkspaceHome() {
  const { workspaceId = '' } = useParams()
  const { t } = useTranslation()
  const navigate = useNavigate()
  const workspace = useWorkspace(workspaceId)
  const titleId = useId()

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
        <nav className="workspace-links" aria-label={t('coding.nav.label')}>
          <Link className="button-link" to={`/w/${encodeURIComponent(workspaceId)}/typology`}>
            {t('coding.nav.typology')}
          </Link>
          <Link className="button-link" to={`/w/${encodeURIComponent(workspaceId)}/codebook`}>
            {t('coding.nav.codebook')}
          </Link>
          <Link className="button-link" to={`/w/${encodeURIComponent(workspaceId)}/rounds`}>
            {t('rounds.nav')}
          </Link>
          <Link className="button-link" to={`/w/${encodeURIComponent(workspaceId)}/members`}>
            {t('members.link')}
          </Link>
        </nav>
      </div>
      <StudyGlance workspaceId={workspaceId} />
      <div className="workspace-columns">
        {/* The page tree is in the wiki's sidebar (WikiLayout). */}
        <div className="workspace-feed">
          <RecentChanges workspaceId={workspaceId} />
          <OpenDiscussions workspaceId={workspaceId} />
          <QdpxImport />
          <DossierExport workspaceId={workspaceId} name={name ?? ''} />
        </div>
        {canCreatePages(role) && (
          <section className="card new-page" aria-labelledby={`${titleId}-new`}>
            <h2 id={`${titleId}-new`} className="section-title">
              {t('workspace.newPage')}
            </h2>
            <NewPageForm
              create={(body) => pageApi.create(workspaceId, body)}
              onCreated={(page) => void navigate(`/p/${encodeURIComponent(page.id)}`)}
            />
          </section>
        )}
      </div>
    </section>
  )
}
