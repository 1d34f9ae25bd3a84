/** What an export is doing, announced politely: progress after a second, the file saved, or why not. */
import { useTranslation } from 'react-i18next'
import { type ExportState, sizeText } from './useExport.ts'

export function ExportStatus({ state }: { state: ExportState }) {
  const { t, i18n } = useTranslation()
  return (
    <>
      <p role="status" className="hint" data-testid="export-status">
        {state.kind === 'running' && state.slow
          ? t('exports.progress', { size: sizeText(state.bytes, i18n.language, t) })
          : state.kind === 'done'
            ? t('exports.done', { name: state.name })
            : ''}
      </p>
      {state.kind === 'running' && state.slow && (
        <progress className="export-progress" aria-label={t('exports.progressLabel')} />
      )}
      {state.kind === 'error' && (
        <p className="form-alert" role="alert">
          {state.message}
        </p>
      )}
    </>
  )
}
