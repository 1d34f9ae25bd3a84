/**
 * "Import a project": a REFI-QDA project (.qdpx) from ATLAS.ti, NVivo, MAXQDA or QualCoder becomes
 * a new workspace, which opens once imported. Progress and the outcome are announced.
 */
import { type ChangeEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { ApiError, api } from '../api/client.ts'
import { errorMessage } from '../api/errorMessage.ts'
import { useSession } from '../session/SessionContext.tsx'
import { FilePickButton } from '../ui/FilePickButton.tsx'

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; file: string }
  | { kind: 'error'; message: string; detail?: string }

export function QdpxImport() {
  const { t } = useTranslation()
  const id = useId()
  const navigate = useNavigate()
  const { reloadWorkspaces, setCurrentWorkspaceId } = useSession()
  const [state, setState] = useState<State>({ kind: 'idle' })

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    if (!file.name.toLowerCase().endsWith('.qdpx'))
      return setState({ kind: 'error', message: t('coding.projectImport.notQdpx', { file: file.name }) })
    setState({ kind: 'busy', file: file.name })
    const form = new FormData()
    form.set('file', file)
    try {
      const result = await api.postForm<{ workspace: { id: string } }>('/api/workspaces/import/qdpx', form)
      // The new workspace joins the switcher and becomes the current one.
      await reloadWorkspaces()
      setCurrentWorkspaceId(result.workspace.id)
      void navigate(`/w/${encodeURIComponent(result.workspace.id)}`)
    } catch (failure) {
      setState({
        kind: 'error',
        message: errorMessage(t, failure),
        detail: failure instanceof ApiError && failure.code === 'invalid_qdpx' ? failure.message : undefined,
      })
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t('coding.projectImport.title')}
      </h2>
      <p className="hint">{t('coding.projectImport.intro')}</p>
      <FilePickButton
        label={t('coding.projectImport.button')}
        accept=".qdpx,application/zip"
        disabled={state.kind === 'busy'}
        onChange={(event) => void importFile(event)}
      />
      <p role="status" className="hint">
        {state.kind === 'busy' ? t('coding.projectImport.busy', { file: state.file }) : ''}
      </p>
      {state.kind === 'error' && (
        <p className="form-alert" role="alert">
          {state.message}
          {state.detail && <span className="hint-inline"> ({state.detail})</span>}
        </p>
      )}
    </section>
  )
}
