/** "Citer dans…" from a coded passage: choose the page to quote it in; that page opens and inserts it. */
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { pageApi } from '../api/endpoints.ts'
import { useResource } from '../api/useResource.ts'
import { foldText as folded } from '../wiki/links/foldText.ts'
import { useWorkspacePages } from '../wiki/pages/WorkspacePages.tsx'
import { ModalDialog } from '../wiki/ui/ModalDialog.tsx'

const QUOTING_KINDS = ['synthesis', 'note', 'memo', 'case']

export function CiteInDialog({
  workspaceId,
  codingId,
  fromPageId,
  onClose,
}: {
  workspaceId: string
  codingId: string
  fromPageId: string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const filterId = useId()
  const [filter, setFilter] = useState('')
  // Inside the wiki the live page list is shared; the typology's pages load it here.
  const shared = useWorkspacePages()
  const own = useResource(
    () => (shared ? Promise.resolve(null) : pageApi.list(workspaceId)),
    [workspaceId, shared === null],
  )
  const pages = (shared?.pages ?? own.data?.pages ?? [])
    .filter((p) => p.id !== fromPageId && QUOTING_KINDS.includes(p.kind))
    .filter((p) => folded(p.title).includes(folded(filter.trim())))
    // Syntheses first: that is where claims are argued from the cases.
    .sort(
      (a, b) =>
        Number(b.kind === 'synthesis') - Number(a.kind === 'synthesis') ||
        a.title.localeCompare(b.title, 'fr'),
    )
  return (
    <ModalDialog title={t('quotations.citeIn.title')} onClose={onClose} className="wiki-dialog cite-dialog">
      <div className="field">
        <label htmlFor={filterId}>{t('quotations.citeIn.filter')}</label>
        <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <ul className="cite-results">
        {pages.slice(0, 30).map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="cite-result"
              onClick={() => {
                onClose()
                void navigate(`/p/${encodeURIComponent(p.id)}?cite=${encodeURIComponent(codingId)}`)
              }}
            >
              <span className="cite-result-text">{p.title}</span>
              <span className="cite-result-meta">{t(`kinds.${p.kind}`)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="button-quiet" onClick={onClose}>
          {t('wiki.cancel')}
        </button>
      </div>
    </ModalDialog>
  )
}
