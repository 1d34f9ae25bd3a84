/** /w/:workspaceId/rounds — the workspace's coding rounds, and the form an owner opens one with. */
import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { pageApi, workspaceApi } from '../api/endpoints.ts'
import { errorMessage } from '../api/errorMessage.ts'
import { useResource } from '../api/useResource.ts'
import { useCodebook } from '../coding/useCoding.ts'
import { useWorkspace } from '../workspace/useWorkspace.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { roundsApi, touchesRounds } from './roundsApi.ts'
import './rounds.css'

const enc = encodeURIComponent

export function RoundsPage() {
  const { t } = useTranslation()
  const { workspaceId = '' } = useParams()
  const workspace = useWorkspace(workspaceId)
  const rounds = useResource(() => roundsApi.list(workspaceId), [workspaceId])
  useWorkspaceEvents(workspaceId, (change) => {
    if (touchesRounds(change?.type)) rounds.reload()
  })
  const titleId = useId()
  useEffect(() => {
    document.title = t('rounds.documentTitle')
  }, [t])
  const isOwner = workspace.data?.role === 'owner'
  return (
    <section className="narrow-page wide rounds-page" aria-labelledby={titleId}>
      <nav className="breadcrumb" aria-label={t('common.breadcrumb')}>
        <Link to={`/w/${enc(workspaceId)}`}>{workspace.data?.name ?? t('rounds.back')}</Link>
      </nav>
      <h1 id={titleId}>{t('rounds.title')}</h1>
      <p className="lead">{t('rounds.intro')}</p>
      <section className="card" aria-labelledby={`${titleId}-list`}>
        <h2 id={`${titleId}-list`} className="section-title">
          {t('rounds.list')}
        </h2>
        {rounds.error && <p role="alert">{errorMessage(t, rounds.error)}</p>}
        {rounds.data && rounds.data.rounds.length === 0 && <p className="empty">{t('rounds.none')}</p>}
        <ul className="round-list">
          {rounds.data?.rounds.map((round) => (
            <li key={round.id}>
              <Link to={`/w/${enc(workspaceId)}/rounds/${enc(round.id)}`}>{round.name}</Link>{' '}
              <span className={`round-status round-status-${round.status}`}>
                {t(`rounds.status.${round.status}`)}
              </span>{' '}
              <span className="hint-inline">
                {round.blind ? t('rounds.blind') : t('rounds.notBlind')} ·{' '}
                {t('rounds.summary', {
                  pages: round.pageIds.length,
                  coders: round.coderIds.length,
                  codes: round.codeIds.length,
                })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {isOwner ? (
        <NewRoundForm workspaceId={workspaceId} />
      ) : (
        workspace.data && <p className="hint">{t('rounds.create.ownerOnly')}</p>
      )}
    </section>
  )
}

function NewRoundForm({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const formId = useId()
  const pages = useResource(() => pageApi.list(workspaceId), [workspaceId])
  const members = useResource(() => workspaceApi.members(workspaceId), [workspaceId])
  const codebook = useCodebook(workspaceId)
  const [name, setName] = useState('')
  const [pageIds, setPageIds] = useState<string[]>([])
  const [coderIds, setCoderIds] = useState<string[]>([])
  const [chooseCodes, setChooseCodes] = useState(false)
  const [codeIds, setCodeIds] = useState<string[]>([])
  const [blind, setBlind] = useState(true)
  const [adjudicatorId, setAdjudicatorId] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const coders = (members.data?.members ?? []).filter((m) => m.role === 'owner' || m.role === 'editor')
  const codable = codebook.tree.filter((c) => c.codable && !c.retired)
  const livePages = (pages.data?.pages ?? []).filter((p) => p.kind !== 'template' && !p.archivedAt)
  const toggle = (list: string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((x) => x !== id)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (coderIds.length < 2 || pageIds.length === 0) {
      setError(t('rounds.create.needTwo'))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const { round } = await roundsApi.create(workspaceId, {
        name: name.trim(),
        pageIds,
        coderIds,
        codeIds: chooseCodes ? codeIds : undefined,
        blind,
        adjudicatorId: adjudicatorId || null,
      })
      void navigate(`/w/${enc(workspaceId)}/rounds/${enc(round.id)}`)
    } catch (reason) {
      setError(errorMessage(t, reason))
      setBusy(false)
    }
  }

  return (
    <section className="card" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`} className="section-title">
        {t('rounds.create.title')}
      </h2>
      <form className="stack-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${formId}-name`}>{t('rounds.create.name')}</label>
          <input
            id={`${formId}-name`}
            type="text"
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <fieldset className="choice-list">
          <legend>{t('rounds.create.pages')}</legend>
          {livePages.map((p) => (
            <label key={p.id} className="choice">
              <input
                type="checkbox"
                checked={pageIds.includes(p.id)}
                onChange={(e) => setPageIds(toggle(pageIds, p.id, e.target.checked))}
              />{' '}
              {p.title} <span className="hint-inline">({t(`kinds.${p.kind}`)})</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="choice-list">
          <legend>{t('rounds.create.coders')}</legend>
          {coders.map((m) => (
            <label key={m.userId} className="choice">
              <input
                type="checkbox"
                checked={coderIds.includes(m.userId)}
                onChange={(e) => setCoderIds(toggle(coderIds, m.userId, e.target.checked))}
              />{' '}
              {m.name}{' '}
              <span className="hint-inline">
                ({t(`roles.${m.role}`)} · {m.email})
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="choice-list">
          <legend>{t('rounds.create.codes')}</legend>
          <label className="choice">
            <input
              type="radio"
              name={`${formId}-codes`}
              checked={!chooseCodes}
              onChange={() => setChooseCodes(false)}
            />{' '}
            {t('rounds.create.allCodes', { count: codable.length })}
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${formId}-codes`}
              checked={chooseCodes}
              onChange={() => setChooseCodes(true)}
            />{' '}
            {t('rounds.create.chooseCodes')}
          </label>
          {chooseCodes &&
            codable.map((c) => (
              <label
                key={c.id}
                className="choice choice-nested"
                style={{ paddingInlineStart: `${1.5 + c.depth}rem` }}
              >
                <input
                  type="checkbox"
                  checked={codeIds.includes(c.id)}
                  onChange={(e) => setCodeIds(toggle(codeIds, c.id, e.target.checked))}
                />{' '}
                <span className="swatch" style={{ background: c.color ?? '#888' }} aria-hidden="true" />{' '}
                {c.label}
              </label>
            ))}
        </fieldset>
        <label className="choice">
          <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} />{' '}
          {t('rounds.create.blind')}
        </label>
        <div className="field">
          <label htmlFor={`${formId}-adjudicator`}>{t('rounds.create.adjudicator')}</label>
          <select
            id={`${formId}-adjudicator`}
            value={adjudicatorId}
            onChange={(e) => setAdjudicatorId(e.target.value)}
          >
            <option value="">{t('rounds.create.noAdjudicator')}</option>
            {coders.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <p className="form-alert" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {t('rounds.create.submit')}
          </button>
        </div>
      </form>
    </section>
  )
}
