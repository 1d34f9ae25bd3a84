/**
 * The pseudonymous coders of an imported REFI-QDA project, on the members page: an owner links
 * each to a real member, who becomes the author of its codings. Shown only when there are some.
 */
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client.ts'
import { errorMessage } from '../api/errorMessage.ts'
import type { Member } from '../api/types.ts'
import { useResource } from '../api/useResource.ts'

interface ImportedCoder {
  userId: string
  name: string
  origin: string
  linkedTo: { id: string; name: string } | null
  codings: number
}

const enc = encodeURIComponent

export function ImportedCoders(props: { workspaceId: string; members: Member[]; manage: boolean }) {
  const { t } = useTranslation()
  const titleId = useId()
  const path = `/api/workspaces/${enc(props.workspaceId)}/imported-coders`
  const coders = useResource(() => api.get<{ coders: ImportedCoder[] }>(path), [path])
  const [choice, setChoice] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const list = coders.data?.coders ?? []
  if (list.length === 0) return null
  const link = async (userId: string) => {
    const memberId = choice[userId]
    if (!memberId) return
    try {
      await api.post(`${path}/${enc(userId)}/link`, { memberId })
      setError(null)
      coders.reload()
    } catch (reason) {
      setError(errorMessage(t, reason))
    }
  }
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('coding.importedCoders.title')}
      </h2>
      <p className="hint">{t('coding.importedCoders.intro')}</p>
      <ul className="round-list">
        {list.map((coder) => (
          <li key={coder.userId}>
            <strong>{coder.name}</strong>{' '}
            <span className="hint-inline">
              {t('coding.importedCoders.line', { origin: coder.origin || 'REFI-QDA', count: coder.codings })}
            </span>{' '}
            {coder.linkedTo ? (
              <span>{t('coding.importedCoders.linked', { name: coder.linkedTo.name })}</span>
            ) : (
              props.manage && (
                <span className="role-editor">
                  <select
                    aria-label={t('coding.importedCoders.memberFor', { name: coder.name })}
                    value={choice[coder.userId] ?? ''}
                    onChange={(e) => setChoice({ ...choice, [coder.userId]: e.target.value })}
                  >
                    <option value="">{t('coding.importedCoders.choose')}</option>
                    {props.members.map((m) => (
                      <option key={m.userId} value={m.userId}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    disabled={!choice[coder.userId]}
                    onClick={() => void link(coder.userId)}
                  >
                    {t('coding.importedCoders.link')}
                  </button>
                </span>
              )
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-alert" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
