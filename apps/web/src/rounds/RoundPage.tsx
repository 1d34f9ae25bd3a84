/**
 * /w/:workspaceId/rounds/:roundId — one coding round: its pages (to code), each coder's progress
 * as the server lets the reader see it, the reveal (owners), then the agreement kept at the reveal
 * (heat map, figures, CSV) and the disagreements to settle.
 */
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { pageApi, workspaceApi } from '../api/endpoints.ts'
import { errorMessage } from '../api/errorMessage.ts'
import { useResource } from '../api/useResource.ts'
import { useCodebook } from '../coding/useCoding.ts'
import { useUser } from '../session/SessionContext.tsx'
import { useWorkspace } from '../workspace/useWorkspace.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { AgreementView } from './AgreementView.tsx'
import { Disagreements } from './Disagreements.tsx'
import { roundsApi, touchesRounds } from './roundsApi.ts'
import './rounds.css'

const enc = encodeURIComponent

export function RoundPage() {
  const { t, i18n } = useTranslation()
  const { workspaceId = '', roundId = '' } = useParams()
  const user = useUser()
  const workspace = useWorkspace(workspaceId)
  const titleId = useId()
  const round = useResource(() => roundsApi.get(workspaceId, roundId), [workspaceId, roundId])
  const pages = useResource(() => pageApi.list(workspaceId), [workspaceId])
  const members = useResource(() => workspaceApi.members(workspaceId), [workspaceId])
  const codebook = useCodebook(workspaceId)
  const [error, setError] = useState<string | null>(null)
  useWorkspaceEvents(workspaceId, (change) => {
    if (touchesRounds(change?.type)) round.reload()
  })
  const data = round.data?.round
  useEffect(() => {
    document.title = data ? `${data.name} · ${t('rounds.documentTitle')}` : t('rounds.documentTitle')
  }, [t, data])

  if (round.error)
    return (
      <section className="narrow-page">
        <p className="banner banner-denied" role="alert">
          {round.error.status === 404 ? t('rounds.round.notFound') : errorMessage(t, round.error)}
        </p>
      </section>
    )
  if (!data) return <section className="narrow-page" aria-busy="true" />

  const names = new Map((members.data?.members ?? []).map((m) => [m.userId, m.name]))
  const titles = new Map((pages.data?.pages ?? []).map((p) => [p.id, p.title]))
  const isOwner = workspace.data?.role === 'owner'
  const isCoder = data.coderIds.includes(user.id)
  const canSettle = isOwner || data.adjudicatorId === user.id
  const reveal = async () => {
    if (!window.confirm(t('rounds.round.revealConfirm', { name: data.name }))) return
    try {
      await roundsApi.reveal(workspaceId, roundId)
      round.reload()
    } catch (reason) {
      setError(errorMessage(t, reason))
    }
  }
  const date = (ms: number) =>
    new Date(ms).toLocaleString(i18n.language, { dateStyle: 'long', timeStyle: 'short' })

  return (
    <section className="narrow-page wide rounds-page" aria-labelledby={titleId}>
      <nav className="breadcrumb" aria-label={t('common.breadcrumb')}>
        <Link to={`/w/${enc(workspaceId)}/rounds`}>{t('rounds.title')}</Link>
      </nav>
      <h1 id={titleId}>{data.name}</h1>
      <p>
        <span className={`round-status round-status-${data.status}`}>
          {t(`rounds.status.${data.status}`)}
        </span>{' '}
        <span className="hint-inline">
          {data.blind ? t('rounds.blind') : t('rounds.notBlind')}
          {data.revealedAt ? ` · ${t('rounds.round.revealed', { date: date(data.revealedAt) })}` : ''}
        </span>
      </p>
      {data.status === 'open' && isCoder && data.blind && (
        <p className="banner round-banner">{t('rounds.round.youCode')}</p>
      )}

      <section className="card" aria-labelledby={`${titleId}-pages`}>
        <h2 id={`${titleId}-pages`} className="section-title">
          {t('rounds.round.pages')}
        </h2>
        <ul className="round-list">
          {data.pageIds.map((pageId) => (
            <li key={pageId}>
              <Link to={`/p/${enc(pageId)}`}>{titles.get(pageId) ?? '…'}</Link>
            </li>
          ))}
        </ul>
        {data.progress.length > 0 && (
          <>
            <h3 className="round-subtitle">{t('rounds.round.progress')}</h3>
            <ul className="round-list" data-testid="round-progress">
              {data.progress.map((p) => (
                <li key={p.coderId}>
                  {t('rounds.round.progressLine', {
                    name: names.get(p.coderId) ?? '…',
                    count: p.passages,
                    cases: p.caseCodes,
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
        {data.status === 'open' && isOwner && (
          <div className="form-actions">
            <button type="button" className="button-primary" onClick={() => void reveal()}>
              {t('rounds.round.reveal')}
            </button>
          </div>
        )}
        {error && (
          <p className="form-alert" role="alert">
            {error}
          </p>
        )}
      </section>

      {(data.status === 'revealed' || !data.blind) && (
        <AgreementView workspaceId={workspaceId} round={data} codes={codebook.byId} titles={titles} />
      )}
      {data.status === 'revealed' && (
        <Disagreements
          workspaceId={workspaceId}
          round={data}
          codes={codebook.byId}
          names={names}
          canSettle={canSettle}
        />
      )}
    </section>
  )
}
