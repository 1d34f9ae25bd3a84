/** The coded passages of one code (optionally in one case), each opening its page at the passage. */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useResource } from '../api/useResource.ts'
import { CiteInDialog } from '../quotations/CiteInDialog.tsx'
import { typologyApi } from './typologyApi.ts'
import { usePanelHeading } from './usePanelHeading.ts'

export function Excerpts(props: {
  workspaceId: string
  codeId: string
  codeLabel: string
  pageId?: string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const heading = usePanelHeading()
  const { data, error } = useResource(
    () => typologyApi.passages(props.workspaceId, props.codeId),
    [props.workspaceId, props.codeId],
  )
  const [citing, setCiting] = useState<{ codingId: string; pageId: string } | null>(null)
  const passages = (data?.passages ?? []).filter((p) => !props.pageId || p.pageId === props.pageId)
  return (
    <aside className="typology-excerpts" aria-label={t('typology.excerpts.title', { code: props.codeLabel })}>
      <header>
        <h2 ref={heading} tabIndex={-1}>
          {t('typology.excerpts.title', { code: props.codeLabel })}
        </h2>
        <Link to={`/w/${encodeURIComponent(props.workspaceId)}/codes/${encodeURIComponent(props.codeId)}`}>
          {t('typology.codePage.allPassages')}
        </Link>
        <button type="button" onClick={props.onClose}>
          {t('typology.excerpts.close')}
        </button>
      </header>
      {error && <p role="alert">{error.message}</p>}
      {data && passages.length === 0 && <p>{t('typology.excerpts.none')}</p>}
      <ul>
        {passages.map((p) => (
          <li key={p.id}>
            <blockquote>{p.text ?? p.quote}</blockquote>
            <Link to={`/p/${encodeURIComponent(p.pageId)}?passage=${encodeURIComponent(p.id)}`}>
              {t('typology.excerpts.open', { page: p.pageTitle })}
            </Link>{' '}
            <button
              type="button"
              className="button-quiet"
              onClick={() => setCiting({ codingId: p.id, pageId: p.pageId })}
            >
              {t('quotations.citeIn.action')}
            </button>{' '}
            <span className="typology-muted">
              {t('typology.excerpts.by', {
                name: p.author.name,
                date: new Date(p.createdAt).toLocaleDateString(),
              })}
            </span>
          </li>
        ))}
      </ul>
      {citing && (
        <CiteInDialog
          workspaceId={props.workspaceId}
          codingId={citing.codingId}
          fromPageId={citing.pageId}
          onClose={() => setCiting(null)}
        />
      )}
    </aside>
  )
}
