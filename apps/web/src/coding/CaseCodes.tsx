/**
 * "Codes du cas": the codes applied to a whole case sheet or synthesis, beside its properties.
 * Editors and owners add them (code search, several at once) and remove them; live for everyone.
 */
import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../api/errorMessage.ts'
import type { Role } from '../api/types.ts'
import { offlineStore } from '../offline/current.ts'
import { QueuedActionCard } from '../offline/QueuedActionCard.tsx'
import { type ActionPayloads, submitAction } from '../offline/queue.ts'
import { usePageActions } from '../offline/usePageActions.ts'
import { CodePicker } from './CodePicker.tsx'
import { readableOn } from './codeTree.ts'
import { codingApi } from './codingApi.ts'
import { useCaseCodes, useCodebook } from './useCoding.ts'
import './coding.css'

const CASE_ACTIONS = ['caseCode.add', 'caseCode.remove'] as const

export function CaseCodes(props: { pageId: string; workspaceId: string; role: Role }) {
  const { t, i18n } = useTranslation()
  const titleId = useId()
  const codebook = useCodebook(props.workspaceId)
  const applied = useCaseCodes(props.pageId, props.workspaceId)
  const [picking, setPicking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const canCode = props.role === 'owner' || props.role === 'editor'
  const queued = usePageActions(props.pageId, CASE_ACTIONS, applied.reload)
  const waitingAdd = new Set(
    queued.pending.flatMap((a) =>
      a.kind === 'caseCode.add' ? [(a.payload as ActionPayloads['caseCode.add']).codeId] : [],
    ),
  )
  const waitingRemove = new Set(
    queued.pending.flatMap((a) =>
      a.kind === 'caseCode.remove' ? [(a.payload as ActionPayloads['caseCode.remove']).codeId] : [],
    ),
  )
  // A code agreed by a round and a coder's own application of it show as one chip.
  const fromServer = (applied.data?.codes ?? [])
    .filter((c) => !waitingRemove.has(c.codeId))
    .filter((c, i, all) => all.findIndex((x) => x.codeId === c.codeId) === i)
  const codes = [
    ...fromServer,
    ...[...waitingAdd]
      .filter((codeId) => !fromServer.some((c) => c.codeId === codeId))
      .map((codeId) => ({ codeId, author: { id: '', name: '' }, createdAt: Date.now(), pending: true })),
  ].filter((c) => codebook.byId.has(c.codeId)) as ((typeof fromServer)[number] & { pending?: boolean })[]
  const present = useMemo(() => new Set(codes.map((c) => c.codeId)), [codes])
  const target = {
    workspaceId: props.workspaceId,
    pageId: props.pageId,
    pageTitle: offlineStore()?.page(props.pageId)?.title ?? '',
  }

  const add = async (codeIds: string[]) => {
    setError(null)
    try {
      for (const codeId of codeIds) {
        const labels = [codebook.byId.get(codeId)?.label ?? codeId]
        await submitAction('caseCode.add', target, { codeId, labels }, () =>
          codingApi.addCaseCode(props.pageId, codeId),
        )
      }
      setPicking(false)
    } catch (failure) {
      setError(errorMessage(t, failure))
    }
    applied.reload()
  }

  const remove = async (codeId: string) => {
    setError(null)
    try {
      await submitAction('caseCode.remove', target, { codeId }, () =>
        codingApi.removeCaseCode(props.pageId, codeId),
      )
    } catch (failure) {
      setError(errorMessage(t, failure))
    }
    applied.reload()
  }

  return (
    <section className="case-codes" aria-labelledby={titleId}>
      <h2 id={titleId} className="case-codes-title">
        {t('coding.case.title')}
      </h2>
      {codes.length === 0 && (
        <p className="hint">{t(canCode ? 'coding.case.empty' : 'coding.case.emptyReader')}</p>
      )}
      <ul className="case-codes-list">
        {codes.map((applied) => {
          const code = codebook.byId.get(applied.codeId)
          if (!code) return null
          const by = applied.pending
            ? t('offline.action.pending')
            : t('coding.card.by', {
                name: applied.author.name,
                date: new Date(applied.createdAt).toLocaleDateString(i18n.resolvedLanguage),
              })
          return (
            <li
              key={applied.codeId}
              className={`case-code-chip${applied.pending ? ' is-queued' : ''}`}
              style={{ background: code.shownColor, color: readableOn(code.shownColor) }}
              title={`${code.path.join(' › ')} — ${by}`}
            >
              <span>{code.label}</span>
              <span className="visually-hidden">
                {' '}
                ({code.path[0]}, {by})
              </span>
              {canCode && (
                <button
                  type="button"
                  className="case-code-remove"
                  style={{ color: 'inherit' }}
                  aria-label={t('coding.case.remove', { code: code.label })}
                  onClick={() => void remove(code.id)}
                >
                  ×
                </button>
              )}
            </li>
          )
        })}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {queued.refused.map((action) => (
        <QueuedActionCard key={action.id} action={action} showPage={false} />
      ))}
      {canCode && !picking && (
        <button type="button" onClick={() => setPicking(true)}>
          {t('coding.case.add')}
        </button>
      )}
      {picking && (
        <div className="case-codes-picker">
          <CodePicker
            tree={codebook.tree}
            mode="multi"
            exclude={present}
            label={t('coding.case.pickerLabel')}
            onApply={(ids) => void add(ids)}
            onCancel={() => setPicking(false)}
          />
        </div>
      )}
    </section>
  )
}
