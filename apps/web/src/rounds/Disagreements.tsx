/**
 * The disagreements of a revealed round, side by side: for a passage, each coder's codings over
 * the same text (their extent marked); for a case-level code, who applied it. Owners and the
 * round's adjudicator keep one coder's version, all, none, or redraw the extent; anyone may open
 * a discussion on the passage.
 */
import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { errorMessage } from '../api/errorMessage.ts'
import { useResource } from '../api/useResource.ts'
import type { TreeCode } from '../coding/codeTree.ts'
import { commentsApi } from '../comments/commentsApi.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { type CodingRound, type RoundItem, type RoundOutcome, roundsApi, touchesRounds } from './roundsApi.ts'

const enc = encodeURIComponent

export function Disagreements(props: {
  workspaceId: string
  round: CodingRound
  codes: Map<string, TreeCode>
  names: Map<string, string>
  canSettle: boolean
}) {
  const { t } = useTranslation()
  const { workspaceId, round } = props
  const titleId = useId()
  const items = useResource(() => roundsApi.disagreements(workspaceId, round.id), [workspaceId, round.id])
  useWorkspaceEvents(workspaceId, (change) => {
    if (touchesRounds(change?.type)) items.reload()
  })
  const list = items.data?.items ?? []
  const open = list.filter((i) => i.status === 'open').length
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('rounds.disagreements.title')}
      </h2>
      {items.error && <p role="alert">{errorMessage(t, items.error)}</p>}
      {items.data && list.length === 0 && <p className="empty">{t('rounds.disagreements.none')}</p>}
      {list.length > 0 && (
        <p className="hint">{t('rounds.disagreements.count', { count: list.length, open })}</p>
      )}
      {!props.canSettle && list.length > 0 && <p className="hint">{t('rounds.disagreements.notAllowed')}</p>}
      <ol className="disagreement-list" data-testid="disagreements">
        {list.map((item) => (
          <DisagreementCard key={item.id} {...props} item={item} onChange={items.reload} />
        ))}
      </ol>
    </section>
  )
}

function DisagreementCard(props: {
  workspaceId: string
  round: CodingRound
  codes: Map<string, TreeCode>
  names: Map<string, string>
  canSettle: boolean
  item: RoundItem
  onChange: () => void
}) {
  const { t } = useTranslation()
  const { workspaceId, round, codes, names, item } = props
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [redrawing, setRedrawing] = useState(false)
  const [discussing, setDiscussing] = useState(false)
  const [message, setMessage] = useState('')
  const [discussed, setDiscussed] = useState(false)
  const textRef = useRef<HTMLParagraphElement>(null)
  const id = useId()
  const name = (coderId: string) => names.get(coderId) ?? '…'
  const label = (codeId: string) => codes.get(codeId)?.label ?? codeId

  const settle = async (outcome: RoundOutcome) => {
    setBusy(true)
    setError(null)
    try {
      await roundsApi.settle(workspaceId, round.id, item.id, outcome)
      setRedrawing(false)
      props.onChange()
    } catch (reason) {
      setError(errorMessage(t, reason))
    } finally {
      setBusy(false)
    }
  }

  /** The selection inside the passage's text, as UTF-16 offsets of the page's plain text. */
  const redraw = () => {
    const selection = window.getSelection()
    const node = textRef.current
    if (!selection || !node || selection.isCollapsed || !node.contains(selection.anchorNode)) {
      setError(t('rounds.disagreements.redrawEmpty'))
      return
    }
    const range = selection.getRangeAt(0)
    const before = document.createRange()
    before.selectNodeContents(node)
    before.setEnd(range.startContainer, range.startOffset)
    const start = before.toString().length
    const end = start + range.toString().length
    const codeIds = [...new Set((item.codings ?? []).map((c) => c.codeId))]
    void settle({ redraw: { from: (item.utf16From ?? 0) + start, to: (item.utf16From ?? 0) + end, codeIds } })
  }

  const discuss = async () => {
    if (!item.anchor || !message.trim()) return
    try {
      await commentsApi.create(item.pageId, { anchor: item.anchor, quote: item.text ?? '', body: message })
      setDiscussing(false)
      setMessage('')
      setDiscussed(true)
    } catch (reason) {
      setError(errorMessage(t, reason))
    }
  }

  const outcomeText = (outcome: RoundOutcome | null) => {
    if (!outcome) return ''
    if ('redraw' in outcome) return t('rounds.disagreements.outcome.redraw')
    if (outcome.accept === 'all') return t('rounds.disagreements.outcome.all')
    if (outcome.accept === 'none') return t('rounds.disagreements.outcome.none')
    return t('rounds.disagreements.outcome.coder', { name: name(outcome.accept) })
  }
  const chars = [...(item.text ?? '')]
  const marked = (from: number, to: number) => {
    const start = from - (item.from ?? 0)
    const end = to - (item.from ?? 0)
    return (
      <>
        {chars.slice(0, start).join('')}
        <mark>{chars.slice(start, end).join('')}</mark>
        {chars.slice(end).join('')}
      </>
    )
  }
  const firstCoding = item.codings?.[0]?.id

  return (
    <li className={`disagreement disagreement-${item.status}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="disagreement-title">
        <span>{item.pageTitle}</span> ·{' '}
        {item.level === 'passage'
          ? t('rounds.disagreements.passage')
          : t('rounds.disagreements.caseCode', { code: label(item.codeId ?? '') })}
      </h3>
      {item.level === 'passage' && (
        <p className="disagreement-text" ref={textRef}>
          {item.text}
        </p>
      )}
      <div className="disagreement-sides">
        {round.coderIds.map((coderId) => {
          const mine = (item.codings ?? []).filter((c) => c.coderId === coderId)
          return (
            <div key={coderId} className="disagreement-side">
              <h4>{name(coderId)}</h4>
              {item.level === 'case' ? (
                <p>
                  {item.coderIds?.includes(coderId)
                    ? t('rounds.disagreements.applied')
                    : t('rounds.disagreements.notApplied')}
                </p>
              ) : mine.length === 0 ? (
                <p className="hint">{t('rounds.disagreements.nothing')}</p>
              ) : (
                <ul>
                  {mine.map((c) => (
                    <li key={c.id}>
                      <span className="code-chip">
                        <span
                          className="swatch"
                          style={{ background: codes.get(c.codeId)?.shownColor ?? '#888' }}
                        />{' '}
                        {label(c.codeId)}
                      </span>
                      <span className="disagreement-extent">{marked(c.from, c.to)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )
        })}
      </div>
      {item.settledBy && (
        <p className="disagreement-settled">
          {t('rounds.disagreements.settledBy', {
            name: item.settledBy.name,
            outcome: outcomeText(item.outcome),
          })}
        </p>
      )}
      {props.canSettle && (
        <div className="disagreement-actions">
          {round.coderIds.map((coderId) => (
            <button
              key={coderId}
              type="button"
              disabled={busy}
              onClick={() => void settle({ accept: coderId })}
            >
              {t('rounds.disagreements.accept', { name: name(coderId) })}
            </button>
          ))}
          <button type="button" disabled={busy} onClick={() => void settle({ accept: 'all' })}>
            {round.coderIds.length === 2 ? t('rounds.disagreements.all') : t('rounds.disagreements.allMany')}
          </button>
          <button type="button" disabled={busy} onClick={() => void settle({ accept: 'none' })}>
            {t('rounds.disagreements.neither')}
          </button>
          {item.level === 'passage' && (
            <button
              type="button"
              disabled={busy}
              aria-expanded={redrawing}
              onClick={() => setRedrawing(!redrawing)}
            >
              {t('rounds.disagreements.redraw')}
            </button>
          )}
        </div>
      )}
      {redrawing && (
        <div className="disagreement-redraw">
          <p className="hint">{t('rounds.disagreements.redrawHint')}</p>
          <button type="button" className="button-primary" disabled={busy} onClick={redraw}>
            {t('rounds.disagreements.redrawApply')}
          </button>{' '}
          <button type="button" className="button-quiet" onClick={() => setRedrawing(false)}>
            {t('rounds.disagreements.cancel')}
          </button>
        </div>
      )}
      <div className="disagreement-links">
        <Link to={`/p/${enc(item.pageId)}${firstCoding ? `?passage=${enc(firstCoding)}` : ''}`}>
          {t('rounds.disagreements.open')}
        </Link>
        {item.anchor && !discussing && (
          <button type="button" className="button-quiet" onClick={() => setDiscussing(true)}>
            {t('rounds.disagreements.discuss')}
          </button>
        )}
      </div>
      {discussing && (
        <div className="disagreement-discuss">
          <label htmlFor={`${id}-message`}>{t('rounds.disagreements.discussLabel')}</label>
          <textarea
            id={`${id}-message`}
            rows={3}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
          <button type="button" className="button-primary" onClick={() => void discuss()}>
            {t('rounds.disagreements.discussSend')}
          </button>{' '}
          <button type="button" className="button-quiet" onClick={() => setDiscussing(false)}>
            {t('rounds.disagreements.cancel')}
          </button>
        </div>
      )}
      {discussed && <p role="status">{t('rounds.disagreements.discussed')}</p>}
      {error && (
        <p className="form-alert" role="alert">
          {error}
        </p>
      )}
    </li>
  )
}
