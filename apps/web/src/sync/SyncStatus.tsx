import { useTranslation } from 'react-i18next'
import type { SyncState } from './pageConnection.ts'

/**
 * Always on screen, so that nobody wonders whether their text reached the others: "synchronisé",
 * "envoi…" while the server has not confirmed every change, "hors ligne — N modifications gardées
 * sur cet appareil". Announced politely to screen readers; data-sync-state and data-pending are
 * for tests and styling. `keepsEdits` is false when the user may not write here, so that it does
 * not promise to send edits later.
 */
export function SyncStatus({
  state,
  pending = 0,
  keepsEdits = true,
}: {
  state: SyncState
  pending?: number
  keepsEdits?: boolean
}) {
  const { t } = useTranslation()
  const label =
    state === 'offline' && pending > 0
      ? t('sync.offlineKept', { count: pending })
      : state === 'sending' && pending > 0
        ? t('sync.sendingCount', { count: pending })
        : t(`sync.${state}`)
  return (
    <div
      className="sync-status"
      role="status"
      aria-live="polite"
      data-sync-state={state}
      data-pending={pending}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="visually-hidden">{t('sync.label')} </span>
      <span className="sync-label">{label}</span>
      {state === 'offline' && keepsEdits && <span className="sync-hint">{t('sync.offlineHint')}</span>}
      {state === 'not-saved' && <span className="sync-hint">{t('sync.notSavedHint')}</span>}
    </div>
  )
}
