/** `/citer`: search coded passages by words or by code and insert a quotation of one at the caret. */
import type { Editor } from '@tiptap/react'
import { QUOTATION } from '@tisserand/editor-schema'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useResource } from '../api/useResource.ts'
import { CodeFilter } from '../coding/CodeFilter.tsx'
import { ModalDialog } from '../wiki/ui/ModalDialog.tsx'
import { quotationsApi } from './quotationsApi.ts'

export function CiteDialog({
  editor,
  workspaceId,
  onClose,
}: {
  editor: Editor
  workspaceId: string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const searchId = useId()
  const [q, setQ] = useState('')
  const [codeId, setCodeId] = useState('')
  const [debounced, setDebounced] = useState({ q: '', codeId: '' })
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced({ q, codeId }), 200)
    return () => window.clearTimeout(timer)
  }, [q, codeId])
  const results = useResource(
    () =>
      debounced.q.trim() || debounced.codeId
        ? quotationsApi.quotable(workspaceId, debounced.q, debounced.codeId || null)
        : Promise.resolve({ passages: [] }),
    [workspaceId, debounced.q, debounced.codeId],
  )

  function cite(codingId: string) {
    editor.chain().focus().insertContent({ type: QUOTATION, attrs: { codingId } }).run()
    onClose()
  }

  const passages = results.data?.passages ?? []
  return (
    <ModalDialog title={t('quotations.cite.title')} onClose={onClose} className="wiki-dialog cite-dialog">
      <div className="field">
        <label htmlFor={searchId}>{t('quotations.cite.search')}</label>
        <input
          id={searchId}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          autoComplete="off"
        />
      </div>
      <CodeFilter workspaceId={workspaceId} value={codeId} onChange={setCodeId} />
      <ul className="cite-results" aria-live="polite">
        {passages.map((p) => (
          <li key={p.codingId}>
            <button type="button" className="cite-result" onClick={() => cite(p.codingId)}>
              <span className="cite-result-text">« {p.text} »</span>
              <span className="cite-result-meta">
                {p.pageTitle} · {p.codes.map((c) => c.label).join(', ')}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {(debounced.q.trim() || debounced.codeId) && results.data && passages.length === 0 && (
        <p className="hint">{t('quotations.cite.none')}</p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button-quiet" onClick={onClose}>
          {t('wiki.cancel')}
        </button>
      </div>
    </ModalDialog>
  )
}
