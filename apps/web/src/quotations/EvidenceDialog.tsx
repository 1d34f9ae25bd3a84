/** Inserting an evidence table: its code, how to group it, and optional case property filters. */
import type { Editor } from '@tiptap/react'
import { EVIDENCE_TABLE, type EvidenceGrouping } from '@tisserand/editor-schema'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CASE_STATUSES } from '../api/types.ts'
import { CodeFilter } from '../coding/CodeFilter.tsx'
import { ModalDialog } from '../wiki/ui/ModalDialog.tsx'

export function EvidenceDialog({
  editor,
  workspaceId,
  onClose,
}: {
  editor: Editor
  workspaceId: string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [codeId, setCodeId] = useState('')
  const [groupBy, setGroupBy] = useState<EvidenceGrouping>('case')
  const [territory, setTerritory] = useState('')
  const [status, setStatus] = useState('')

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!codeId) return
    const filters: Record<string, string> = {}
    if (territory.trim()) filters.territory = territory.trim()
    if (status) filters.status = status
    editor
      .chain()
      .focus()
      .insertContent({ type: EVIDENCE_TABLE, attrs: { codeIds: [codeId], groupBy, filters } })
      .run()
    onClose()
  }

  return (
    <ModalDialog title={t('quotations.evidence.insertTitle')} onClose={onClose}>
      <form onSubmit={submit}>
        <CodeFilter
          workspaceId={workspaceId}
          value={codeId}
          onChange={setCodeId}
          label={t('quotations.evidence.code')}
        />
        <div className="field">
          <label htmlFor={`${id}-group`}>{t('quotations.evidence.groupBy')}</label>
          <select
            id={`${id}-group`}
            value={groupBy}
            onChange={(e) => setGroupBy(e.target.value as EvidenceGrouping)}
          >
            <option value="case">{t('quotations.evidence.byCase')}</option>
            <option value="code">{t('quotations.evidence.byCode')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-territory`}>{t('quotations.evidence.filter.territory')}</label>
          <input
            id={`${id}-territory`}
            type="text"
            value={territory}
            onChange={(e) => setTerritory(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('quotations.evidence.filter.status')}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('quotations.evidence.anyStatus')}</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`wiki.properties.statuses.${s}` as 'wiki.properties.statuses.active')}
              </option>
            ))}
          </select>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button-quiet" onClick={onClose}>
            {t('wiki.cancel')}
          </button>
          <button type="submit" disabled={!codeId}>
            {t('quotations.evidence.insert')}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
