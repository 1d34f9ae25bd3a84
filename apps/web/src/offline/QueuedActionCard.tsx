/**
 * One change made offline: what it is, on which page, whether it waits or was refused (and why,
 * in words), with its passage kept, and what the user can do about a refusal.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { dismissAction } from './queue.ts'
import type { QueuedAction } from './store.ts'
import './offline.css'

const reasons = [
  'code_retired',
  'code_not_found',
  'code_not_codable',
  'quote_mismatch',
  'empty_passage',
  'coding_not_found',
  'thread_not_found',
  'message_not_found',
  'forbidden',
  'not_a_member',
  'page_not_found',
  'depends_on_refused',
] as const

export function useActionText() {
  const { t } = useTranslation()
  return {
    title(action: QueuedAction): string {
      const labels = (action.payload.labels as string[] | undefined)?.join(', ') ?? ''
      return t(`offline.action.${action.kind}`, { codes: labels })
    },
    reason(action: QueuedAction): string {
      const code = action.error?.code ?? ''
      const known = (reasons as readonly string[]).includes(code)
      return known
        ? t(`offline.action.reasons.${code as (typeof reasons)[number]}`)
        : t('offline.action.reasons.other', { message: action.error?.message ?? '' })
    },
  }
}

export function QueuedActionCard({
  action,
  showPage = true,
  onRecode,
}: {
  action: QueuedAction
  showPage?: boolean
  /** Offered for a refused coding: choose other codes for the same passage. */
  onRecode?: (action: QueuedAction) => void
}) {
  const { t } = useTranslation()
  const text = useActionText()
  const [copied, setCopied] = useState(false)
  const refused = action.state === 'refused'
  const quote = typeof action.payload.quote === 'string' ? action.payload.quote : null
  const body = typeof action.payload.body === 'string' ? action.payload.body : null
  return (
    <article
      className={`queued-action${refused ? ' is-refused' : ''}`}
      data-testid={refused ? 'refused-action' : 'queued-action'}
      data-kind={action.kind}
      role={refused ? 'alert' : undefined}
    >
      <div className="queued-action-head">
        <span className="queued-action-state">
          {refused ? t('offline.action.refused') : t('offline.action.pending')}
        </span>
        <strong>{text.title(action)}</strong>
        {showPage && <span className="hint">{t('offline.action.onPage', { title: action.pageTitle })}</span>}
      </div>
      {refused && <p className="queued-action-reason">{text.reason(action)}</p>}
      {quote && (
        <>
          <span className="visually-hidden">{t('offline.action.passage')}</span>
          <blockquote>{quote}</blockquote>
        </>
      )}
      {body && <p className="queued-action-body">{body}</p>}
      {refused && (
        <div className="queued-action-buttons">
          {onRecode && action.kind === 'coding.create' && (
            <button type="button" onClick={() => onRecode(action)}>
              {t('offline.action.recode')}
            </button>
          )}
          {quote && navigator.clipboard && (
            <button
              type="button"
              onClick={() =>
                navigator.clipboard.writeText(quote).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {t('offline.action.copy')}
            </button>
          )}
          {showPage && (
            <Link to={`/p/${encodeURIComponent(action.pageId)}`}>{t('offline.action.openPage')}</Link>
          )}
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              if (window.confirm(t('offline.action.dismissConfirm'))) void dismissAction(action)
            }}
          >
            {t('offline.action.dismiss')}
          </button>
          <span aria-live="polite" className="copy-feedback">
            {copied ? t('offline.action.copied') : ''}
          </span>
        </div>
      )}
    </article>
  )
}
