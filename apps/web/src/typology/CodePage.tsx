/**
 * /w/:workspaceId/codes/:codeId — one code across the workspace: its label, colour, place and
 * definition, the cases that carry it as a whole, and every coded passage grouped by case, each
 * opening its page at the passage. Live.
 */
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { errorMessage } from '../api/errorMessage.ts'
import { useResource } from '../api/useResource.ts'
import { readableOn } from '../coding/codeTree.ts'
import { useCodebook } from '../coding/useCoding.ts'
import { CitedInPanel } from '../quotations/CitedInPanel.tsx'
import { CiteInDialog } from '../quotations/CiteInDialog.tsx'
import { MemoPanel } from '../quotations/MemoPanel.tsx'
import { useSession } from '../session/SessionContext.tsx'
import { formatDate } from '../ui/formatDate.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { passageHref } from './cooccurrence.ts'
import { type CodedPassage, touchesTypology, typologyApi } from './typologyApi.ts'
import './typology.css'

export function CodePage() {
  const { t, i18n } = useTranslation()
  const { workspaceId = '', codeId = '' } = useParams()
  const titleId = useId()
  const codebook = useCodebook(workspaceId)
  const [citing, setCiting] = useState<{ codingId: string; pageId: string } | null>(null)
  const role = useSession().workspaces?.find((w) => w.id === workspaceId)?.role
  const data = useResource(async () => {
    const [passages, pages] = await Promise.all([
      typologyApi.passages(workspaceId, codeId),
      typologyApi.codePages(workspaceId, codeId),
    ])
    return { code: passages.code, passages: passages.passages, pages: pages.pages }
  }, [workspaceId, codeId])
  useWorkspaceEvents(workspaceId, (change) => {
    if (touchesTypology(change?.type)) data.reload()
  })
  const code = data.data?.code
  const inTree = codebook.byId.get(codeId)
  const color = code?.color ?? inTree?.shownColor ?? '#8a8a8a'

  useEffect(() => {
    document.title = t('typology.codePage.documentTitle', { code: code?.label ?? '' })
  }, [t, code?.label])

  const enc = encodeURIComponent
  const byPage = new Map<string, CodedPassage[]>()
  for (const p of data.data?.passages ?? []) byPage.set(p.pageId, [...(byPage.get(p.pageId) ?? []), p])
  const wholeCases = (data.data?.pages ?? []).filter((p) => p.caseLevel)

  return (
    <section className="typology-page code-page" aria-labelledby={titleId}>
      <header className="typology-header">
        <nav className="workspace-links" aria-label={t('coding.nav.label')}>
          <Link to={`/w/${enc(workspaceId)}/typology`}>{t('coding.nav.typology')}</Link>
          <Link to={`/w/${enc(workspaceId)}/codebook`}>{t('coding.nav.codebook')}</Link>
          <Link to={`/w/${enc(workspaceId)}`}>{t('typology.back')}</Link>
        </nav>
      </header>
      {data.error && (
        <p className="banner banner-denied" role="alert">
          {errorMessage(t, data.error)}
        </p>
      )}
      {data.loading && !data.data && <p>{t('typology.loading')}</p>}
      {code && (
        <>
          {inTree && inTree.path.length > 1 && (
            <p className="code-page-path typology-muted">{inTree.path.slice(0, -1).join(' › ')}</p>
          )}
          <h1 id={titleId} className="code-page-title">
            <span className="code-chip" style={{ background: color, color: readableOn(color) }}>
              {code.label}
            </span>
          </h1>
          {code.description ? (
            <p className="code-page-definition">{code.description}</p>
          ) : (
            <p className="typology-muted">{t('typology.codePage.noDefinition')}</p>
          )}
          <p>
            <Link to={`/w/${enc(workspaceId)}/search?code=${enc(codeId)}`}>
              {t('typology.codePage.searchWith')}
            </Link>
          </p>
          <MemoPanel
            workspaceId={workspaceId}
            subjectKind="code"
            subjectId={codeId}
            subjectLabel={code.label}
            canCreate={role === 'owner' || role === 'editor'}
          />
          <CitedInPanel workspaceId={workspaceId} codeId={codeId} />
          <section aria-labelledby={`${titleId}-cases`}>
            <h2 id={`${titleId}-cases`}>{t('typology.codePage.cases', { count: wholeCases.length })}</h2>
            {wholeCases.length === 0 ? (
              <p className="typology-muted">{t('typology.codePage.noCases')}</p>
            ) : (
              <ul className="code-page-cases">
                {wholeCases.map((p) => (
                  <li key={p.pageId}>
                    <Link to={passageHref(p.pageId)}>{p.title}</Link>{' '}
                    <span className={`kind-tag kind-${p.kind}`}>{t(`kinds.${p.kind}` as 'kinds.case')}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby={`${titleId}-passages`}>
            <h2 id={`${titleId}-passages`}>
              {t('typology.codePage.passages', { count: data.data?.passages.length ?? 0 })}
            </h2>
            {byPage.size === 0 && <p className="typology-muted">{t('typology.excerpts.none')}</p>}
            {[...byPage.entries()].map(([pageId, passages]) => (
              <section key={pageId} className="code-page-case" aria-label={passages[0]?.pageTitle}>
                <h3>
                  <Link to={passageHref(pageId)}>{passages[0]?.pageTitle}</Link>
                </h3>
                <ul className="code-page-passages">
                  {passages.map((p) => (
                    <li key={p.id} style={{ borderColor: color }}>
                      <blockquote>{p.text ?? p.quote}</blockquote>
                      <p className="typology-muted">
                        <Link to={passageHref(p.pageId, p.id)}>{t('typology.codePage.open')}</Link> ·{' '}
                        <button
                          type="button"
                          className="button-quiet"
                          onClick={() => setCiting({ codingId: p.id, pageId: p.pageId })}
                        >
                          {t('quotations.citeIn.action')}
                        </button>{' '}
                        ·{' '}
                        {t('typology.excerpts.by', {
                          name: p.author.name,
                          date: formatDate(p.createdAt, i18n.language),
                        })}
                      </p>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </section>
        </>
      )}
      {citing && (
        <CiteInDialog
          workspaceId={workspaceId}
          codingId={citing.codingId}
          fromPageId={citing.pageId}
          onClose={() => setCiting(null)}
        />
      )}
    </section>
  )
}
