/**
 * In the header, always: "Hors ligne" when the server cannot be reached, and what this device
 * holds that the server does not (pages not sent, actions waiting or refused), linking to the
 * full list (/offline).
 */
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { openConnectionOf } from '../sync/pageConnection.ts'
import { useOfflineStore, useOnline, useUnsent } from './useOffline.ts'
import './offline.css'

export function OfflineIndicator() {
  const { t } = useTranslation()
  const online = useOnline()
  const store = useOfflineStore()
  const unsent = useUnsent()
  if (!store) return null
  // Online, a page open here says "envoi…" itself while its last keystrokes go out.
  const pages = online ? unsent.pages.filter((page) => !openConnectionOf(page.pageId)) : unsent.pages
  const parts: string[] = []
  if (pages.length > 0) parts.push(t('offline.indicator.unsent', { count: pages.length }))
  if (unsent.pendingActions.length > 0)
    parts.push(t('offline.indicator.actions', { count: unsent.pendingActions.length }))
  if (unsent.refusedActions.length > 0)
    parts.push(t('offline.indicator.refused', { count: unsent.refusedActions.length }))
  if (online && parts.length === 0) return null
  return (
    <Link
      to="/offline"
      className={`offline-indicator${online ? '' : ' is-offline'}${unsent.refusedActions.length > 0 ? ' has-refused' : ''}`}
      data-testid="offline-indicator"
      data-online={online}
      title={online ? t('offline.indicator.link') : t('offline.indicator.offlineHint')}
    >
      {!online && <span className="offline-indicator-state">{t('offline.indicator.offline')}</span>}
      {parts.length > 0 && <span className="offline-indicator-count">{parts.join(' · ')}</span>}
    </Link>
  )
}
