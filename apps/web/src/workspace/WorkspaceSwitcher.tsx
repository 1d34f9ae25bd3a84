import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useSession } from '../session/SessionContext.tsx'

/** The header's choice of workspace: picking one opens its home. */
export function WorkspaceSwitcher() {
  const { t } = useTranslation()
  const { workspaces, currentWorkspaceId } = useSession()
  const navigate = useNavigate()
  const id = useId()
  if (!workspaces || workspaces.length === 0) return null
  const current = workspaces.some((w) => w.id === currentWorkspaceId) ? currentWorkspaceId : null
  return (
    <div className="workspace-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('workspace.switcherLabel')}
      </label>
      <select
        id={id}
        value={current ?? ''}
        onChange={(event) => void navigate(`/w/${encodeURIComponent(event.target.value)}`)}
      >
        {current === null && (
          <option value="" disabled>
            {t('workspace.choose')}
          </option>
        )}
        {workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
    </div>
  )
}
