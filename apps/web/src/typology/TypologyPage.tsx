/** The typology of a workspace: the cross-case matrix, the diagram and code co-occurrence, live, with exports. */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'react-router'
import { useResource } from '../api/useResource.ts'
import { codeNamer } from '../coding/codeNames.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { CooccurrenceView } from './CooccurrenceView.tsx'
import type { MeetMode } from './cooccurrence.ts'
import { DiagramView } from './DiagramView.tsx'
import { Excerpts } from './Excerpts.tsx'
import { MatrixView } from './MatrixView.tsx'
import { Meetings } from './Meetings.tsx'
import { touchesTypology, typologyApi } from './typologyApi.ts'
import './typology.css'

export function TypologyPage() {
  const { t } = useTranslation()
  const { workspaceId = '' } = useParams()
  const [search, setSearch] = useSearchParams()
  useEffect(() => {
    document.title = t('typology.documentTitle')
  }, [t])
  const viewParam = search.get('view')
  const view = viewParam === 'diagram' || viewParam === 'cooccurrence' ? viewParam : 'matrix'
  const mode: MeetMode = search.get('mode') === 'passage' ? 'passage' : 'case'
  const [open, setOpen] = useState<{ codeId: string; pageId?: string } | null>(null)
  const [pair, setPair] = useState<{ a: string; b: string } | null>(null)
  const data = useResource(async () => {
    const [matrix, usage, codebook, cooccurrence] = await Promise.all([
      typologyApi.matrix(workspaceId),
      typologyApi.usage(workspaceId),
      typologyApi.relations(workspaceId),
      typologyApi.cooccurrence(workspaceId),
    ])
    return { matrix, usage: usage.usage, relations: codebook.relations, pairs: cooccurrence.pairs }
  }, [workspaceId])
  useWorkspaceEvents(workspaceId, (change) => {
    if (touchesTypology(change?.type)) data.reload()
  })
  const codes = data.data?.matrix.codes ?? []
  const openCode = codes.find((c) => c.id === open?.codeId)
  const pairCodes = pair && [codes.find((c) => c.id === pair.a), codes.find((c) => c.id === pair.b)]
  const show = (next: typeof view) => {
    setOpen(null)
    setPair(null)
    setSearch(next === 'matrix' ? {} : { view: next })
  }
  return (
    <section className="typology-page" aria-labelledby="typology-title">
      <header className="typology-header">
        <h1 id="typology-title">{t('typology.title')}</h1>
        <Link to={`/w/${encodeURIComponent(workspaceId)}/codebook`}>{t('coding.nav.codebook')}</Link>
        <Link to={`/w/${encodeURIComponent(workspaceId)}`}>{t('typology.back')}</Link>
      </header>
      <nav className="typology-tabs" aria-label={t('typology.views')}>
        <button type="button" aria-pressed={view === 'matrix'} onClick={() => show('matrix')}>
          {t('typology.matrix.tab')}
        </button>
        <button type="button" aria-pressed={view === 'diagram'} onClick={() => show('diagram')}>
          {t('typology.diagram.tab')}
        </button>
        <button type="button" aria-pressed={view === 'cooccurrence'} onClick={() => show('cooccurrence')}>
          {t('typology.cooccurrence.tab')}
        </button>
        <span className="typology-exports">
          {t('typology.export.label')}{' '}
          <a href={typologyApi.exportUrl(workspaceId, 'qdpx')}>REFI-QDA (.qdpx)</a> ·{' '}
          <a href={typologyApi.exportUrl(workspaceId, 'qdc')}>{t('typology.export.codebook')} (.qdc)</a> ·{' '}
          <a href={typologyApi.exportUrl(workspaceId, 'matrix.csv')}>{t('typology.export.matrix')} (CSV)</a> ·{' '}
          <a href={typologyApi.exportUrl(workspaceId, 'passages.csv')}>
            {t('typology.export.passages')} (CSV)
          </a>
        </span>
      </nav>
      {data.error && <p role="alert">{data.error.message}</p>}
      {data.loading && !data.data && <p>{t('typology.loading')}</p>}
      <div className="typology-body">
        {data.data && view === 'matrix' && (
          <MatrixView
            workspaceId={workspaceId}
            matrix={data.data.matrix}
            onOpen={(codeId, pageId) => setOpen({ codeId, pageId })}
          />
        )}
        {data.data && view === 'diagram' && (
          <DiagramView
            codes={codes}
            relations={data.data.relations}
            usage={data.data.usage}
            onOpen={(codeId) => setOpen({ codeId })}
          />
        )}
        {data.data && view === 'cooccurrence' && (
          <CooccurrenceView
            workspaceId={workspaceId}
            codes={codes}
            pairs={data.data.pairs}
            mode={mode}
            onModeChange={(next) => {
              setPair(null)
              setSearch(next === 'passage' ? { view, mode: next } : { view })
            }}
            onOpen={(a, b) => setPair({ a, b })}
            open={pair}
          />
        )}
        {view === 'cooccurrence' && pair && pairCodes?.[0] && pairCodes[1] && (
          <Meetings
            key={`${pair.a} ${pair.b} ${mode}`}
            workspaceId={workspaceId}
            a={pairCodes[0]}
            b={pairCodes[1]}
            mode={mode}
            onClose={() => setPair(null)}
          />
        )}
        {open && openCode && (
          <Excerpts
            key={`${open.codeId} ${open.pageId ?? ''}`}
            workspaceId={workspaceId}
            codeId={open.codeId}
            codeLabel={codeNamer(codes)(openCode)}
            pageId={open.pageId}
            onClose={() => setOpen(null)}
          />
        )}
      </div>
    </section>
  )
}
