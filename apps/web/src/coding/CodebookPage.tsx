/**
 * /w/:workspaceId/codebook — the codebook editor: the code tree by dimension, the selected code's
 * details (label, definition, colour, place, merge, retire/restore), new codes, and the change
 * history with revert. Live: every change anyone makes reloads it.
 */
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { workspaceApi } from '../api/endpoints.ts'
import { errorMessage } from '../api/errorMessage.ts'
import { useResource } from '../api/useResource.ts'
import { CodebookHistory } from './CodebookHistory.tsx'
import { CodeDetails } from './CodeDetails.tsx'
import { CodeTreeList } from './CodeTreeList.tsx'
import { codebookApi } from './codingApi.ts'
import { QdcImport } from './QdcImport.tsx'
import { useCodebook } from './useCoding.ts'
import './coding.css'

export function CodebookPage() {
  const { t } = useTranslation()
  const { workspaceId = '' } = useParams()
  const titleId = useId()
  const workspace = useResource(() => workspaceApi.get(workspaceId), [workspaceId])
  const codebook = useCodebook(workspaceId, true)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [showRetired, setShowRetired] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const role = workspace.data?.role
  const canEdit = role === 'owner' || role === 'editor'

  useEffect(() => {
    document.title = t('coding.codebook.documentTitle')
  }, [t])

  const shown = codebook.tree.filter((c) => showRetired || !c.retired)
  const selected = selectedId ? codebook.byId.get(selectedId) : undefined

  /** Runs a codebook change, then says it happened (screen readers) or why it failed. */
  const run = async (action: () => Promise<unknown>, done: string) => {
    setError(null)
    try {
      await action()
      setStatus(done)
      codebook.reload()
      return true
    } catch (failure) {
      setError(errorMessage(t, failure))
      return false
    }
  }

  const moveBy = (codeId: string, step: -1 | 1) => {
    const code = codebook.byId.get(codeId)
    if (!code) return
    const siblings = codebook.tree.filter((c) => c.parentId === code.parentId)
    const index = siblings.findIndex((c) => c.id === codeId)
    const next = index + step
    if (next < 0 || next >= siblings.length) return
    void run(
      () => codebookApi.move(workspaceId, codeId, code.parentId, next),
      t('coding.codebook.moved', { code: code.label }),
    )
  }

  return (
    <section className="codebook-page" aria-labelledby={titleId}>
      <header className="codebook-header">
        <div>
          <h1 id={titleId}>{t('coding.codebook.title')}</h1>
          <p className="hint">{t(canEdit ? 'coding.codebook.intro' : 'coding.codebook.readOnly')}</p>
        </div>
        <nav className="workspace-links" aria-label={t('coding.nav.label')}>
          <Link to={`/w/${encodeURIComponent(workspaceId)}/typology`}>{t('coding.nav.typology')}</Link>
          <Link to={`/w/${encodeURIComponent(workspaceId)}`}>{t('typology.back')}</Link>
        </nav>
      </header>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {error && (
        <p className="banner banner-denied" role="alert">
          {error}
        </p>
      )}
      {codebook.error && (
        <p className="banner banner-denied" role="alert">
          {errorMessage(t, codebook.error)}
        </p>
      )}
      <div className="codebook-columns">
        <section className="codebook-tree-panel" aria-label={t('coding.codebook.treeLabel')}>
          <label className="codebook-toggle">
            <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />{' '}
            {t('coding.codebook.showRetired')}
          </label>
          <CodeTreeList
            codes={shown}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onMove={canEdit ? moveBy : undefined}
          />
          {canEdit && (
            <button
              type="button"
              onClick={() =>
                void run(
                  () =>
                    codebookApi.create(workspaceId, {
                      label: t('coding.codebook.newDimension'),
                      parentId: null,
                    }),
                  t('coding.codebook.added', { code: t('coding.codebook.newDimension') }),
                )
              }
            >
              {t('coding.codebook.addDimension')}
            </button>
          )}
        </section>
        <div className="codebook-side">
          {selected ? (
            <CodeDetails
              key={selected.id}
              code={selected}
              tree={codebook.tree}
              canEdit={canEdit}
              workspaceId={workspaceId}
              run={run}
              onMoveBy={(step) => moveBy(selected.id, step)}
              onSelect={setSelectedId}
            />
          ) : (
            <p className="codebook-empty">{t('coding.codebook.pick')}</p>
          )}
          <QdcImport workspaceId={workspaceId} canEdit={canEdit} onImported={codebook.reload} />
          <CodebookHistory workspaceId={workspaceId} canEdit={canEdit} run={run} />
        </div>
      </div>
    </section>
  )
}
