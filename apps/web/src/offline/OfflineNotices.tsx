import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { offlineNotices } from './notices.ts'
import './offline.css'

/** Shown above the content: what the background work did that the user must know. */
export function OfflineNotices() {
  const { t } = useTranslation()
  const notices = useSyncExternalStore(offlineNotices.subscribe, offlineNotices.get)
  if (notices.length === 0) return null
  return (
    <div className="offline-notices">
      {notices.map((notice) => (
        <p key={notice.id} className="banner banner-denied" role="alert" data-testid="lost-access-notice">
          {notice.name ? t('offline.lostAccessNamed', { name: notice.name }) : t('offline.lostAccess')}
          {notice.unsent > 0 && ` ${t('offline.lostAccessUnsent', { count: notice.unsent })}`}{' '}
          <button type="button" className="button-quiet" onClick={() => offlineNotices.dismiss(notice.id)}>
            {t('coding.close')}
          </button>
        </p>
      ))}
    </div>
  )
}
