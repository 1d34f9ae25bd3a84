/**
 * The codebook's REFI-QDA exchange: export it as `.qdc` (or CSV), and, for owners and editors,
 * import a `.qdc` codebook from a file. An import adds its codes as one change (revertible in the
 * history); progress and the outcome are announced, errors said in the user's language.
 */

import type { TFunction } from 'i18next'
import { type ChangeEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client.ts'
import { errorMessage } from '../api/errorMessage.ts'
import { typologyApi } from '../typology/typologyApi.ts'
import { FilePickButton } from '../ui/FilePickButton.tsx'

/** Larger files are refused before sending (the server's limit, typology-exports.ts). */
const MAX_BYTES = 5 * 1024 * 1024

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; file: string }
  | { kind: 'done'; file: string; count: number }
  | { kind: 'error'; message: string; detail?: string }

export function QdcImport({
  workspaceId,
  canEdit,
  onImported,
}: {
  workspaceId: string
  canEdit: boolean
  onImported: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [state, setState] = useState<State>({ kind: 'idle' })

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    if (!file.name.toLowerCase().endsWith('.qdc'))
      return setState({ kind: 'error', message: t('coding.exchange.notQdc', { file: file.name }) })
    if (file.size > MAX_BYTES) return setState({ kind: 'error', message: t('coding.exchange.tooLarge') })
    setState({ kind: 'busy', file: file.name })
    try {
      const result = await typologyApi.importQdc(workspaceId, await file.text())
      setState({ kind: 'done', file: file.name, count: result.imported })
      onImported()
    } catch (failure) {
      setState({
        kind: 'error',
        message: importError(t, failure),
        detail: failure instanceof ApiError && failure.code === 'invalid_qdc' ? failure.message : undefined,
      })
    }
  }

  return (
    <section className="codebook-exchange" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('coding.exchange.title')}</h2>
      <p className="codebook-exchange-links">
        {t('coding.exchange.export')}{' '}
        <a href={typologyApi.exportUrl(workspaceId, 'qdc')} download>
          REFI-QDA (.qdc)
        </a>{' '}
        ·{' '}
        <a href={typologyApi.exportUrl(workspaceId, 'codebook.csv')} download>
          CSV
        </a>
      </p>
      {canEdit && (
        <>
          <FilePickButton
            label={t('coding.exchange.import')}
            accept=".qdc,application/xml,text/xml"
            disabled={state.kind === 'busy'}
            onChange={(event) => void importFile(event)}
          />
          <p className="hint">{t('coding.exchange.importHint')}</p>
        </>
      )}
      <div role="status" aria-live="polite">
        {state.kind === 'busy' && <p className="hint">{t('coding.exchange.busy', { file: state.file })}</p>}
        {state.kind === 'done' && (
          <p className="banner codebook-exchange-done">
            {t('coding.exchange.done', { count: state.count, file: state.file })}
          </p>
        )}
      </div>
      {state.kind === 'error' && (
        <p className="banner banner-denied" role="alert">
          {state.message}
          {state.detail && (
            <span className="codebook-exchange-detail" lang="en">
              {t('coding.exchange.detail', { detail: state.detail })}
            </span>
          )}
        </p>
      )}
    </section>
  )
}

function importError(t: TFunction, failure: unknown): string {
  if (failure instanceof ApiError && failure.code === 'invalid_qdc') return t('coding.exchange.invalid')
  if (failure instanceof ApiError && failure.code === 'payload_too_large')
    return t('coding.exchange.tooLarge')
  return errorMessage(t, failure)
}
