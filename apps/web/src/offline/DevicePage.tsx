/** /offline — "Sur cet appareil": what is kept here, what waits, what the server refused. */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { relativeTime } from '../wiki/ui/relativeTime.ts'
import { QueuedActionCard } from './QueuedActionCard.tsx'
import { pendingEdits } from './store.ts'
import { useOfflineSnapshot, useOfflineStore, useOnline, useUnsent } from './useOffline.ts'
import './offline.css'

function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    maximumFractionDigits: 1,
  }).format(value)
}

export function DevicePage() {
  const { t, i18n } = useTranslation()
  const online = useOnline()
  const store = useOfflineStore()
  const { pages } = useOfflineSnapshot()
  const unsent = useUnsent()
  const [used, setUsed] = useState<number | null>(null)

  useEffect(() => {
    document.title = t('offline.page.documentTitle')
  }, [t])
  useEffect(() => {
    navigator.storage?.estimate?.().then(
      (estimate) => setUsed(estimate.usage ?? null),
      () => setUsed(null),
    )
  }, [])

  const link = (pageId: string, title: string) => <Link to={`/p/${encodeURIComponent(pageId)}`}>{title}</Link>
  return (
    <section className="device-page" aria-labelledby="device-title">
      <h1 id="device-title">{t('offline.page.title')}</h1>
      <p className="lead">{t('offline.page.lead')}</p>
      <p role="status">{online ? t('offline.page.online') : t('offline.page.offline')}</p>

      <section aria-labelledby="device-unsent">
        <h2 id="device-unsent" className="section-title">
          {t('offline.page.unsentTitle')}
        </h2>
        {unsent.pages.length === 0 ? (
          <p className="hint">{t('offline.page.unsentNone')}</p>
        ) : (
          <ul className="device-list" data-testid="unsent-pages">
            {unsent.pages.map((page) => (
              <li key={page.pageId}>
                {link(page.pageId, page.title)}
                <span>{t('offline.page.edits', { count: pendingEdits(page) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {unsent.refusedActions.length > 0 && (
        <section aria-labelledby="device-refused">
          <h2 id="device-refused" className="section-title">
            {t('offline.page.refusedTitle')}
          </h2>
          <p className="hint">{t('offline.page.refusedLead')}</p>
          <div className="refused-actions">
            {unsent.refusedActions.map((action) => (
              <QueuedActionCard key={action.id} action={action} />
            ))}
          </div>
        </section>
      )}

      <section aria-labelledby="device-actions">
        <h2 id="device-actions" className="section-title">
          {t('offline.page.actionsTitle')}
        </h2>
        {unsent.pendingActions.length === 0 ? (
          <p className="hint">{t('offline.page.actionsNone')}</p>
        ) : (
          <div className="refused-actions">
            {unsent.pendingActions.map((action) => (
              <QueuedActionCard key={action.id} action={action} />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="device-kept">
        <h2 id="device-kept" className="section-title">
          {t('offline.page.keptTitle')}
        </h2>
        {pages.length === 0 ? (
          <p className="hint">{t('offline.page.keptNone')}</p>
        ) : (
          <ul className="device-list" data-testid="kept-pages">
            {pages.map((page) => (
              <li key={page.pageId}>
                {link(page.pageId, page.title)}
                <span className="hint">
                  {[
                    page.pin === 'subtree'
                      ? t('offline.page.pinnedSubtree')
                      : page.pin === 'page'
                        ? t('offline.page.pinned')
                        : page.pinnedBy
                          ? t('offline.page.pinnedBy')
                          : null,
                    page.openedAt > 0
                      ? t('offline.page.openedAt', { when: relativeTime(page.openedAt, i18n.language) })
                      : null,
                  ]
                    .filter(Boolean)
                    .join(' · ') || t('offline.page.recent')}
                </span>
                {page.pin && store && (
                  <button
                    type="button"
                    className="button-quiet"
                    onClick={() => void store.setPin(page.pageId, null)}
                  >
                    {t('offline.page.unpin')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {used !== null && (
        <p className="hint">{t('offline.page.storage', { used: formatBytes(used, i18n.language) })}</p>
      )}
    </section>
  )
}
