/**
 * "Garder hors ligne" on a page: recent pages are kept anyway; a pinned page (or a pinned page and
 * every page under it) is kept on this device even when never opened here, and refreshed in the
 * background whenever the network is there.
 */
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { PageSummary } from '../api/types.ts'
import { type PinMode, pendingEdits } from './store.ts'
import { useOfflineSnapshot, useOfflineStore } from './useOffline.ts'
import './offline.css'

export function KeepOfflineToggle({ page }: { page: PageSummary }) {
  const { t } = useTranslation()
  const id = useId()
  const store = useOfflineStore()
  const { pages } = useOfflineSnapshot()
  if (!store) return null
  const kept = pages.find((p) => p.pageId === page.id)
  const value = kept?.pin ?? ''
  const by = kept?.pinnedBy ? pages.find((p) => p.pageId === kept.pinnedBy) : undefined
  return (
    <div className="keep-offline" title={t('offline.keep.help')}>
      <label htmlFor={id}>{t('offline.keep.label')}</label>
      <select
        id={id}
        value={value}
        onChange={async (event) => {
          const pin = (event.target.value || null) as PinMode | null
          if (!store.page(page.id))
            await store.keepPage({
              pageId: page.id,
              workspaceId: page.workspaceId,
              title: page.title,
              kind: page.kind,
            })
          await store.setPin(page.id, pin)
        }}
      >
        <option value="">{t('offline.keep.none')}</option>
        <option value="page">{t('offline.keep.page')}</option>
        <option value="subtree">{t('offline.keep.subtree')}</option>
      </select>
      {by && !kept?.pin && <span className="hint">{t('offline.page.pinnedBy')}</span>}
      {kept && pendingEdits(kept) > 0 && (
        <span className="visually-hidden">{t('offline.page.edits', { count: pendingEdits(kept) })}</span>
      )}
    </div>
  )
}
