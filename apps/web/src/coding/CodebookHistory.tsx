/** The codebook's change history, newest first; each change (but the seed) can be reverted. */
import { useTranslation } from 'react-i18next'
import { useResource } from '../api/useResource.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { codebookApi } from './codingApi.ts'

export function CodebookHistory(props: {
  workspaceId: string
  canEdit: boolean
  run: (action: () => Promise<unknown>, done: string) => Promise<boolean>
}) {
  const { t, i18n } = useTranslation()
  const changes = useResource(() => codebookApi.changes(props.workspaceId), [props.workspaceId])
  useWorkspaceEvents(props.workspaceId, (change) => {
    if (!change || change.type.startsWith('codebook.')) changes.reload()
  })
  const list = changes.data?.changes ?? []
  return (
    <section className="codebook-history" aria-labelledby="codebook-history-title">
      <h2 id="codebook-history-title">{t('coding.codebook.history')}</h2>
      <ol>
        {list.map((change) => {
          const kind = `coding.codebook.kinds.${change.kind.replace('.', '_')}`
          return (
            <li key={change.id} className={change.revertedById ? 'is-reverted' : undefined}>
              <span className="codebook-history-what">
                <strong>{t(kind as 'coding.codebook.kinds.add', { defaultValue: change.kind })}</strong>{' '}
                {change.summary}
              </span>
              <span className="hint">
                {t('coding.card.by', {
                  name: change.actor?.name ?? '—',
                  date: new Date(change.createdAt).toLocaleString(i18n.resolvedLanguage),
                })}
                {change.revertedById ? ` · ${t('coding.codebook.wasReverted')}` : ''}
              </span>
              {props.canEdit && change.kind !== 'seed' && !change.revertedById && (
                <button
                  type="button"
                  className="button-quiet"
                  aria-label={t('coding.codebook.revertLabel', { summary: change.summary })}
                  onClick={() =>
                    void props.run(
                      () => codebookApi.revert(props.workspaceId, change.id),
                      t('coding.codebook.reverted', { summary: change.summary }),
                    )
                  }
                >
                  {t('coding.codebook.revert')}
                </button>
              )}
            </li>
          )
        })}
      </ol>
    </section>
  )
}
