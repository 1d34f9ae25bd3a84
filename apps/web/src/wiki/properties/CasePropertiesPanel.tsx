/**
 * The case attributes of a case sheet (territory, year founded, origin of the needs, status):
 * a small form for those who may edit, a read-only list for the others. Each field is saved when
 * it is left or changed; changes by others arrive through the workspace stream.
 */
import { useCallback, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { wikiApi } from '../../api/endpoints.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import { CASE_STATUSES, type CaseProperties, NEEDS_ORIGINS, type WorkspaceChange } from '../../api/types.ts'
import { useResource } from '../../api/useResource.ts'
import { offlineStore } from '../../offline/current.ts'
import { QueuedActionCard } from '../../offline/QueuedActionCard.tsx'
import { type ActionPayloads, submitAction } from '../../offline/queue.ts'
import { usePageActions } from '../../offline/usePageActions.ts'
import { useWorkspaceEvents } from '../../workspace/useWorkspaceEvents.ts'
import '../wiki.css'

const PROPERTY_ACTIONS = ['properties.update'] as const

export function CasePropertiesPanel({
  pageId,
  workspaceId,
  editable,
}: {
  pageId: string
  workspaceId: string
  editable: boolean
}) {
  const { t } = useTranslation()
  const titleId = useId()
  const resource = useResource(() => wikiApi.properties(pageId), [pageId])
  const { reload } = resource
  const [saved, setSaved] = useState<CaseProperties | null>(null)
  const [status, setStatus] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const queued = usePageActions(pageId, PROPERTY_ACTIONS, reload)

  useWorkspaceEvents(
    workspaceId,
    useCallback(
      (change: WorkspaceChange | null) => {
        if (change === null || (change.type === 'page.properties' && change.pageId === pageId)) reload()
      },
      [pageId, reload],
    ),
  )
  // What the server has, with the changes made here and not sent yet on top.
  useEffect(() => {
    if (!resource.data) return
    let properties = resource.data.properties
    for (const action of queued.pending)
      properties = { ...properties, ...(action.payload as ActionPayloads['properties.update']).patch }
    setSaved(properties)
  }, [resource.data, queued.pending])

  async function save(patch: Partial<CaseProperties>) {
    setFailure(null)
    try {
      const target = { workspaceId, pageId, pageTitle: offlineStore()?.page(pageId)?.title ?? '' }
      const done = await submitAction('properties.update', target, { patch }, () =>
        wikiApi.updateProperties(pageId, patch),
      )
      if (done.sent) {
        setSaved(done.value.properties)
        setStatus(t('wiki.properties.saved'))
        reload()
      } else {
        setSaved((previous) => (previous ? { ...previous, ...patch } : previous))
        setStatus(t('offline.action.pending'))
      }
    } catch (error) {
      setFailure(errorMessage(t, error))
    }
  }

  const values = saved
  return (
    <section className="case-properties" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('wiki.properties.title')}
      </h2>
      {(failure || resource.error) && (
        <p className="banner banner-denied" role="alert">
          {failure ?? errorMessage(t, resource.error)}
        </p>
      )}
      {queued.pending.length > 0 && (
        <p className="hint" data-testid="properties-pending">
          <span className="queued-badge">{t('offline.action.pending')}</span>
        </p>
      )}
      {queued.refused.map((action) => (
        <QueuedActionCard key={action.id} action={action} showPage={false} />
      ))}
      {values && editable && <PropertiesForm values={values} onSave={save} />}
      {values && !editable && (
        <dl className="properties-list">
          <div>
            <dt>{t('wiki.properties.territory')}</dt>
            <dd>{values.territory ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('wiki.properties.yearFounded')}</dt>
            <dd>{values.yearFounded ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('wiki.properties.needsOrigin')}</dt>
            <dd>{values.needsOrigin ? t(`wiki.properties.origins.${values.needsOrigin}`) : '—'}</dd>
          </div>
          <div>
            <dt>{t('wiki.properties.status')}</dt>
            <dd>{values.status ? t(`wiki.properties.statuses.${values.status}`) : '—'}</dd>
          </div>
        </dl>
      )}
      {/* Seen and heard: "Enregistré" after each save. */}
      <p className="hint properties-saved" role="status">
        {status}
      </p>
    </section>
  )
}

function PropertiesForm({
  values,
  onSave,
}: {
  values: CaseProperties
  onSave: (patch: Partial<CaseProperties>) => Promise<void>
}) {
  const { t } = useTranslation()
  const id = useId()
  const [territory, setTerritory] = useState(values.territory ?? '')
  const [year, setYear] = useState(values.yearFounded === null ? '' : String(values.yearFounded))
  const [yearError, setYearError] = useState<string | null>(null)
  // Someone else's change (or our own, saved) replaces what the fields show.
  useEffect(() => setTerritory(values.territory ?? ''), [values.territory])
  useEffect(
    () => setYear(values.yearFounded === null ? '' : String(values.yearFounded)),
    [values.yearFounded],
  )

  function saveTerritory() {
    const next = territory.trim() === '' ? null : territory.trim()
    if (next !== values.territory) void onSave({ territory: next })
  }

  function saveYear() {
    const clean = year.trim()
    const next = clean === '' ? null : Number(clean)
    if (next !== null && (!Number.isInteger(next) || next < 1800 || next > 2100)) {
      setYearError(t('wiki.properties.yearInvalid'))
      return
    }
    setYearError(null)
    if (next !== values.yearFounded) void onSave({ yearFounded: next })
  }

  return (
    <form className="properties-form" onSubmit={(event) => event.preventDefault()} noValidate>
      <div className="field">
        <label htmlFor={`${id}-territory`}>{t('wiki.properties.territory')}</label>
        <input
          id={`${id}-territory`}
          type="text"
          maxLength={200}
          value={territory}
          onChange={(event) => setTerritory(event.target.value)}
          onBlur={saveTerritory}
          onKeyDown={(event) => event.key === 'Enter' && saveTerritory()}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-year`}>{t('wiki.properties.yearFounded')}</label>
        <input
          id={`${id}-year`}
          type="text"
          inputMode="numeric"
          maxLength={4}
          value={year}
          aria-invalid={yearError ? true : undefined}
          aria-describedby={yearError ? `${id}-year-error` : undefined}
          onChange={(event) => setYear(event.target.value)}
          onBlur={saveYear}
          onKeyDown={(event) => event.key === 'Enter' && saveYear()}
        />
        {yearError && (
          <p id={`${id}-year-error`} className="field-error">
            {yearError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-origin`}>{t('wiki.properties.needsOrigin')}</label>
        <select
          id={`${id}-origin`}
          value={values.needsOrigin ?? ''}
          onChange={(event) =>
            void onSave({ needsOrigin: (event.target.value || null) as CaseProperties['needsOrigin'] })
          }
        >
          <option value="">{t('wiki.properties.unset')}</option>
          {NEEDS_ORIGINS.map((origin) => (
            <option key={origin} value={origin}>
              {t(`wiki.properties.origins.${origin}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('wiki.properties.status')}</label>
        <select
          id={`${id}-status`}
          value={values.status ?? ''}
          onChange={(event) =>
            void onSave({ status: (event.target.value || null) as CaseProperties['status'] })
          }
        >
          <option value="">{t('wiki.properties.unset')}</option>
          {CASE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`wiki.properties.statuses.${status}`)}
            </option>
          ))}
        </select>
      </div>
    </form>
  )
}
