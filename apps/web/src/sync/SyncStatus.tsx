import { useTranslation } from 'react-i18next'
import type { SyncState } from './pageConnection.ts'

/**
 * Always on screen, so that nobody wonders whether their text reached the others. Announced
 * politely to screen readers; data-sync-state is for tests and styling. `keepsEdits` is false when
 * the user may not write here, so that it does not promise to send edits later.
 */
export function SyncStatus({ state, keepsEdits = true }: { state: SyncState; keepsEdits?: boolean }) {
  const { t } = useTranslation()
  return (
    <div className="sync-status" role="status" aria-live="polite" data-sync-state={state}>
      <span className="sync-dot" aria-hidden="true" />
      <span className="visually-hidden">{t('sync.label')} </span>
      <span className="sync-label">{t(`sync.${state}`)}</span>
      {state === 'offline' && keepsEdits && <span className="sync-hint">{t('sync.offlineHint')}</span>}
    </div>
  )
}
