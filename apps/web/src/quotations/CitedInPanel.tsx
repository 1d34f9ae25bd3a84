/** "Cité dans": the pages quoting passages of this page, or of this code, each with its sections. Live. */
import type { TFunction } from 'i18next'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useResource } from '../api/useResource.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { type CitedIn, quotationsApi, touchesQuotations } from './quotationsApi.ts'
import './quotations.css'

/** « Synthèse », §3 */
export function citedInLabel(t: TFunction, cited: CitedIn): string {
  const sections = cited.sections.map((s) => `§\u00a0${s.index}`).join(', ')
  return sections
    ? t('quotations.citedIn.withSections', { title: cited.title, sections })
    : t('quotations.citedIn.page', { title: cited.title })
}

export function CitedInPanel({
  workspaceId,
  pageId,
  codeId,
}: {
  workspaceId: string
  pageId?: string
  codeId?: string
}) {
  const { t } = useTranslation()
  const titleId = useId()
  const cited = useResource(
    () => (codeId ? quotationsApi.codeCitedIn(workspaceId, codeId) : quotationsApi.citedIn(pageId ?? '')),
    [workspaceId, pageId, codeId],
  )
  useWorkspaceEvents(workspaceId, (change) => {
    if (touchesQuotations(change?.type)) cited.reload()
  })
  const list = cited.data?.citedIn ?? []
  if (!cited.data || (list.length === 0 && !codeId)) return null
  return (
    <section className="cited-in" aria-labelledby={titleId} data-testid="cited-in">
      <h2 id={titleId} className="section-title">
        {t('quotations.citedIn.title')}
      </h2>
      {list.length === 0 && <p className="hint">{t('quotations.citedIn.none')}</p>}
      <ul>
        {list.map((c) => (
          <li key={c.pageId}>
            <Link
              to={`/p/${encodeURIComponent(c.pageId)}`}
              title={c.sections.map((s) => s.title).join(' · ')}
            >
              {citedInLabel(t, c)}
            </Link>
            {c.evidenceTable && <span className="hint"> · {t('quotations.citedIn.evidenceTable')}</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}
