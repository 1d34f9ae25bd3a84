import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { useSession } from '../session/SessionContext.tsx'

/** / — opens the workspace the user was last in, else their first one. */
export function RootRedirect() {
  const { t } = useTranslation()
  const { workspaces, currentWorkspaceId } = useSession()
  if (workspaces === null)
    return (
      <p className="narrow-page" aria-busy="true">
        {t('common.loading')}
      </p>
    )
  const target = workspaces.find((w) => w.id === currentWorkspaceId) ?? workspaces[0]
  if (target) return <Navigate to={`/w/${encodeURIComponent(target.id)}`} replace />
  return (
    <section className="narrow-page">
      <h1>{t('workspace.noneTitle')}</h1>
      <p className="lead">{t('workspace.noneBody')}</p>
    </section>
  )
}
