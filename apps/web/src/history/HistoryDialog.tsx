/** The page's history: its versions, naming the current state, comparing two, restoring. */
import type { PageComparison, PageVersion } from '@tisserand/api-types'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../api/errorMessage.ts'
import { useResource } from '../api/useResource.ts'
import { FormAlert } from '../ui/FormAlert.tsx'
import { formatDate } from '../ui/formatDate.ts'
import { useSubmit } from '../ui/useSubmit.ts'
import { ModalDialog } from '../wiki/ui/ModalDialog.tsx'
import { ComparisonView } from './ComparisonView.tsx'
import { historyApi } from './historyApi.ts'
import './history.css'

interface HistoryDialogProps {
  pageId: string
  /** Owners and editors name and restore; everyone else reads. */
  canRestore: boolean
  onClose: () => void
}

const NOW = 'now'

export function HistoryDialog({ pageId, canRestore, onClose }: HistoryDialogProps) {
  const { t, i18n } = useTranslation()
  const versions = useResource(() => historyApi.versions(pageId).then((r) => r.versions), [pageId])
  const [name, setName] = useState('')
  const [from, setFrom] = useState<string>('')
  const [to, setTo] = useState<string>(NOW)
  const [comparison, setComparison] = useState<PageComparison | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const submit = useSubmit(['name'])
  const list = versions.data ?? []
  const fromId = from || list[0]?.id || ''
  const label = (v: PageVersion) =>
    `${formatDate(v.createdAt, i18n.language, true)} — ${v.name ? `« ${v.name} »` : t(`history.kind.${v.kind}`)}`

  const compare = (fromVersion: string, toVersion: string) =>
    submit.run(async () => {
      setComparison(await historyApi.compare(pageId, fromVersion, toVersion === NOW ? null : toVersion))
    })

  const onName = (event: FormEvent) => {
    event.preventDefault()
    void submit.run(async () => {
      const { version } = await historyApi.name(pageId, name.trim())
      setNotice(t('history.named', { name: version.name ?? name }))
      setName('')
      versions.reload()
    })
  }

  const restore = (version: PageVersion) => {
    if (
      !window.confirm(
        t('history.restoreConfirm', { date: formatDate(version.createdAt, i18n.language, true) }),
      )
    )
      return
    void submit.run(async () => {
      await historyApi.restore(pageId, version.id)
      setNotice(t('history.restored'))
      setComparison(null)
      versions.reload()
    })
  }

  const restoreSection = (sectionKey: string) =>
    void submit.run(async () => {
      await historyApi.restore(pageId, fromId, sectionKey)
      setNotice(t('history.sectionRestored'))
      versions.reload()
      setComparison(await historyApi.compare(pageId, fromId, to === NOW ? null : to))
    })

  return (
    <ModalDialog title={t('history.title')} onClose={onClose} className="history-dialog">
      <button
        type="button"
        className="dialog-close button-quiet"
        onClick={onClose}
        aria-label={t('history.close')}
      >
        ×
      </button>
      <FormAlert message={submit.formError ?? (versions.error ? errorMessage(t, versions.error) : null)} />
      {notice && (
        <p role="status" className="history-notice">
          {notice}
        </p>
      )}
      {canRestore && (
        <form className="history-name" onSubmit={onName}>
          <label htmlFor="history-name-input">{t('history.nameLabel')}</label>
          <input
            id="history-name-input"
            value={name}
            maxLength={200}
            placeholder={t('history.namePlaceholder')}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={Boolean(submit.fieldErrors.name)}
          />
          <button type="submit" disabled={submit.pending || name.trim() === ''}>
            {t('history.nameSubmit')}
          </button>
        </form>
      )}
      {versions.loading && !versions.data ? (
        <p aria-busy="true">{t('history.loading')}</p>
      ) : list.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <>
          <ol className="version-list" aria-label={t('history.title')}>
            {list.map((version) => (
              <li key={version.id} className={`version is-${version.kind}`}>
                <div>
                  <strong>{version.name ? `« ${version.name} »` : t(`history.kind.${version.kind}`)}</strong>{' '}
                  <time dateTime={new Date(version.createdAt).toISOString()}>
                    {formatDate(version.createdAt, i18n.language, true)}
                  </time>
                  {version.createdBy && <span> {t('history.by', { name: version.createdBy.name })}</span>}
                </div>
                <div className="version-contributors">
                  {version.contributors.length > 0
                    ? t('history.contributors', { names: version.contributors.map((p) => p.name).join(', ') })
                    : t('history.noContributors')}
                </div>
                <div className="version-actions">
                  <button
                    type="button"
                    className="button-quiet"
                    onClick={() => void compare(version.id, NOW)}
                  >
                    {t('history.compare')}
                  </button>
                  {canRestore && (
                    <button type="button" className="button-quiet" onClick={() => restore(version)}>
                      {t('history.restore')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ol>
          <form
            className="history-compare"
            onSubmit={(event) => {
              event.preventDefault()
              void compare(fromId, to)
            }}
          >
            <label htmlFor="history-from">{t('history.compareFrom')}</label>
            <select id="history-from" value={fromId} onChange={(e) => setFrom(e.target.value)}>
              {list.map((v) => (
                <option key={v.id} value={v.id}>
                  {label(v)}
                </option>
              ))}
            </select>
            <label htmlFor="history-to">{t('history.compareTo')}</label>
            <select id="history-to" value={to} onChange={(e) => setTo(e.target.value)}>
              <option value={NOW}>{t('history.now')}</option>
              {list.map((v) => (
                <option key={v.id} value={v.id}>
                  {label(v)}
                </option>
              ))}
            </select>
            <button type="submit" disabled={submit.pending || !fromId}>
              {t('history.compare')}
            </button>
          </form>
        </>
      )}
      {comparison && (
        <section aria-label={t('history.comparison')}>
          <h3>
            {comparison.to
              ? t('history.comparisonOf', {
                  from: comparison.from ? formatDate(comparison.from.createdAt, i18n.language, true) : '',
                  to: formatDate(comparison.to.createdAt, i18n.language, true),
                })
              : t('history.comparisonToNow', {
                  from: comparison.from ? formatDate(comparison.from.createdAt, i18n.language, true) : '',
                })}
          </h3>
          <ComparisonView
            comparison={comparison}
            {...(canRestore ? { onRestoreSection: restoreSection } : {})}
          />
        </section>
      )}
    </ModalDialog>
  )
}
