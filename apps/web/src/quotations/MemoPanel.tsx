/**
 * The memos about a code or a page (a page's list includes memos on its coded passages), and
 * "Nouveau mémo" for those who may create pages: it makes the memo and opens it. Live.
 */
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { errorMessage } from '../api/errorMessage.ts'
import { useResource } from '../api/useResource.ts'
import { formatDate } from '../ui/formatDate.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { type MemoSubjectKind, quotationsApi } from './quotationsApi.ts'
import './quotations.css'

export function MemoPanel({
  workspaceId,
  subjectKind,
  subjectId,
  subjectLabel,
  canCreate,
}: {
  workspaceId: string
  subjectKind: MemoSubjectKind
  subjectId: string
  subjectLabel: string
  canCreate: boolean
}) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const titleId = useId()
  const inputId = useId()
  const memos = useResource(
    () => quotationsApi.memos(workspaceId, subjectKind, subjectId),
    [workspaceId, subjectKind, subjectId],
  )
  useWorkspaceEvents(workspaceId, (change) => {
    if (!change || change.type.startsWith('page.') || change.type === 'memo.created') memos.reload()
  })
  const [naming, setNaming] = useState(false)
  const [title, setTitle] = useState('')
  const [error, setError] = useState<string | null>(null)

  async function create(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      const created = await quotationsApi.createMemo(workspaceId, {
        title: title.trim() || t('quotations.memos.defaultTitle', { subject: subjectLabel }),
        subjectKind,
        subjectId,
      })
      void navigate(`/p/${encodeURIComponent(created.page.id)}`)
    } catch (reason) {
      setError(errorMessage(t, reason))
    }
  }

  const list = memos.data?.memos ?? []
  return (
    <section className="memo-panel" aria-labelledby={titleId} data-testid="memo-panel">
      <div className="memo-panel-head">
        <h2 id={titleId} className="section-title">
          {t('quotations.memos.title', { count: list.length })}
        </h2>
        {canCreate && !naming && (
          <button type="button" className="button-quiet" onClick={() => setNaming(true)}>
            {t('quotations.memos.new')}
          </button>
        )}
      </div>
      {naming && (
        <form className="memo-form" onSubmit={create}>
          <label htmlFor={inputId}>{t('quotations.memos.titleLabel')}</label>
          <input
            id={inputId}
            type="text"
            value={title}
            placeholder={t('quotations.memos.defaultTitle', { subject: subjectLabel })}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={300}
          />
          <button type="submit">{t('quotations.memos.create')}</button>
          <button type="button" className="button-quiet" onClick={() => setNaming(false)}>
            {t('wiki.cancel')}
          </button>
        </form>
      )}
      {error && (
        <p className="banner banner-denied" role="alert">
          {error}
        </p>
      )}
      {memos.data && list.length === 0 && <p className="hint">{t('quotations.memos.none')}</p>}
      {list.length > 0 && (
        <ul className="memo-list">
          {list.map((memo) => (
            <li key={memo.pageId}>
              <Link to={`/p/${encodeURIComponent(memo.pageId)}`}>{memo.title}</Link>{' '}
              <span className="hint">
                {memo.subjectKind === 'coding' && memo.subjectLabel
                  ? `${t('quotations.memos.onPassage', { text: memo.subjectLabel })} · `
                  : ''}
                {t('quotations.memos.by', {
                  name: memo.createdBy.name,
                  date: formatDate(memo.createdAt, i18n.language),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** On a memo's own page: what it is about, linked. */
export function MemoSubjectLine({ pageId, workspaceId }: { pageId: string; workspaceId: string }) {
  const { t } = useTranslation()
  const memo = useResource(() => quotationsApi.memoOf(pageId), [pageId]).data?.memo
  if (!memo) return null
  const enc = encodeURIComponent
  const href =
    memo.subjectKind === 'code'
      ? `/w/${enc(workspaceId)}/codes/${enc(memo.subjectId)}`
      : memo.subjectKind === 'page'
        ? `/p/${enc(memo.subjectId)}`
        : memo.subjectPageId
          ? `/p/${enc(memo.subjectPageId)}?passage=${enc(memo.subjectId)}`
          : null
  const label = memo.subjectLabel ?? t('quotations.memos.subjectGone')
  return (
    <p className="memo-subject" data-testid="memo-subject">
      {t(`quotations.memos.about.${memo.subjectKind}`)}{' '}
      {href ? <Link to={href}>{label}</Link> : <span>{label}</span>}
    </p>
  )
}
