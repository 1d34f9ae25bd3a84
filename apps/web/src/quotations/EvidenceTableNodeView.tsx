/**
 * An evidence table in the editor: every coded passage of its codes across the workspace, one row
 * per passage with its case, its codes and who coded it, grouped by case or by code; it follows
 * coding anywhere in the workspace. Editors can turn it into static quotations in one click.
 */
import { type NodeViewProps, NodeViewWrapper } from '@tiptap/react'
import { EVIDENCE_GROUPINGS, type EvidenceGrouping, QUOTATION } from '@tisserand/editor-schema'
import { useId, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useResource } from '../api/useResource.ts'
import { useCodebook } from '../coding/useCoding.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { usePageQuotations } from './QuotationsContext.tsx'
import { passageHref, quotationsApi } from './quotationsApi.ts'
import './quotations.css'

const ids = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

export function EvidenceTableNodeView({ node, editor, getPos, selected }: NodeViewProps) {
  const { t } = useTranslation()
  const captionId = useId()
  const page = usePageQuotations()
  const workspaceId = page?.workspaceId ?? ''
  const codeIds = ids(node.attrs.codeIds)
  const groupBy: EvidenceGrouping = (EVIDENCE_GROUPINGS as readonly unknown[]).includes(node.attrs.groupBy)
    ? node.attrs.groupBy
    : 'case'
  const filters = (node.attrs.filters ?? {}) as Record<string, string>
  const key = JSON.stringify([codeIds, groupBy, filters])
  const codebook = useCodebook(workspaceId)
  const table = useResource(
    () =>
      codeIds.length === 0 || !workspaceId
        ? Promise.resolve({ groupBy, groups: [], total: 0 })
        : quotationsApi.evidence(workspaceId, codeIds, groupBy, filters),
    [workspaceId, key],
  )
  const timer = useRef<number | undefined>(undefined)
  useWorkspaceEvents(workspaceId, (change) => {
    const type = change?.type
    if (!type || type.startsWith('coding.') || type.startsWith('codebook.') || type.startsWith('page.')) {
      window.clearTimeout(timer.current)
      timer.current = window.setTimeout(table.reload, 150)
    }
  })
  const labels = useMemo(
    () => codeIds.map((id) => codebook.byId.get(id)?.label ?? '…').join(', '),
    [codeIds, codebook.byId],
  )
  const groups = table.data?.groups ?? []
  const filterText = Object.entries(filters)
    .filter(([, v]) => v)
    .map(
      ([k, v]) => `${t(`quotations.evidence.filter.${k}` as 'quotations.evidence.filter.territory')} : ${v}`,
    )
    .join(' · ')

  function toQuotations() {
    const pos = typeof getPos === 'function' ? getPos() : undefined
    if (pos === undefined) return
    const rows = groups.flatMap((g) => g.rows)
    const seen = new Set<string>()
    const content = rows
      .filter((r) => !seen.has(r.codingId) && seen.add(r.codingId))
      .map((r) => ({ type: QUOTATION, attrs: { codingId: r.codingId } }))
    editor
      .chain()
      .focus()
      .insertContentAt(
        { from: pos, to: pos + node.nodeSize },
        content.length > 0 ? content : [{ type: 'paragraph' }],
      )
      .run()
  }

  return (
    <NodeViewWrapper
      className={`evidence-table${selected ? ' is-selected' : ''}`}
      data-testid="evidence-table"
      contentEditable={false}
    >
      <div className="evidence-head">
        <p id={captionId} className="evidence-title">
          {t('quotations.evidence.title', { codes: labels })}
          {filterText && <span className="evidence-filters"> — {filterText}</span>}
        </p>
        {editor.isEditable && groups.length > 0 && (
          <button type="button" className="button-quiet" onClick={toQuotations}>
            {t('quotations.evidence.toQuotations')}
          </button>
        )}
      </div>
      {table.error && <p role="alert">{t('quotations.evidence.error')}</p>}
      {table.data && groups.length === 0 && (
        <p className="quotation-note">{t('quotations.evidence.empty')}</p>
      )}
      {groups.length > 0 && (
        <table aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">{t('quotations.evidence.passage')}</th>
              <th scope="col">{t('quotations.evidence.case')}</th>
              <th scope="col">{t('quotations.evidence.codes')}</th>
              <th scope="col">{t('quotations.evidence.coders')}</th>
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group.id}>
              <tr className="evidence-group">
                <th scope="rowgroup" colSpan={4}>
                  {t('quotations.evidence.group', { label: group.label, count: group.rows.length })}
                </th>
              </tr>
              {group.rows.map((row) => (
                <tr key={`${group.id}:${row.codingId}`} data-testid="evidence-row">
                  <td className="evidence-text">{row.text}</td>
                  <td>
                    <Link to={passageHref(row.pageId, row.codingId)}>{row.pageTitle}</Link>
                  </td>
                  <td>{row.codes.map((c) => c.label).join(', ')}</td>
                  <td>{row.coders.map((p) => p.name).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </NodeViewWrapper>
  )
}
