/** /w/:workspaceId/search?q=…&kind=…&code=… — every result for a query, filtered by kind and code; shareable. */
import { useEffect, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'react-router'
import { errorMessage } from '../../api/errorMessage.ts'
import { PAGE_KINDS, type PageKind } from '../../api/types.ts'
import { CodeFilter } from '../../coding/CodeFilter.tsx'
import { Snippet } from './Snippet.tsx'
import { useSearch } from './useSearch.ts'

export function SearchPage() {
  const { workspaceId = '' } = useParams()
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const kindParam = params.get('kind')
  const kind = (PAGE_KINDS as readonly string[]).includes(kindParam ?? '')
    ? (kindParam as PageKind)
    : undefined
  const code = params.get('code') ?? ''
  const search = useSearch(workspaceId, q, kind, 50, 250, code || undefined)
  const titleId = useId()
  const inputId = useId()

  useEffect(() => {
    document.title = t('wiki.search.documentTitle', { q })
  }, [t, q])

  function update(next: { q?: string; kind?: PageKind | ''; code?: string }) {
    const merged = new URLSearchParams(params)
    if (next.q !== undefined) merged.set('q', next.q)
    if (next.code !== undefined) {
      if (next.code) merged.set('code', next.code)
      else merged.delete('code')
    }
    if (next.kind !== undefined) {
      if (next.kind) merged.set('kind', next.kind)
      else merged.delete('kind')
    }
    setParams(merged, { replace: true })
  }

  const results = search.results ?? []
  return (
    <section className="wiki-main search-page" aria-labelledby={titleId}>
      <h1 id={titleId}>{t('wiki.search.title')}</h1>
      <search>
        <form className="search-page-form" onSubmit={(event) => event.preventDefault()}>
          <div className="field">
            <label htmlFor={inputId}>{t('wiki.search.label')}</label>
            <input
              id={inputId}
              type="search"
              value={q}
              autoComplete="off"
              onChange={(event) => update({ q: event.target.value })}
            />
          </div>
          <fieldset className="kind-filter">
            <legend>{t('wiki.search.kindFilter')}</legend>
            {(['', ...PAGE_KINDS] as const).map((value) => (
              <label key={value || 'all'} className="kind-filter-option">
                <input
                  type="radio"
                  name="kind"
                  value={value}
                  checked={(kind ?? '') === value}
                  onChange={() => update({ kind: value })}
                />
                {value ? t(`kinds.${value}`) : t('wiki.search.allKinds')}
              </label>
            ))}
          </fieldset>
          <CodeFilter workspaceId={workspaceId} value={code} onChange={(value) => update({ code: value })} />
        </form>
      </search>
      <p className="hint" role="status">
        {q.trim() === '' && !code
          ? t('wiki.search.typeSomething')
          : search.pending
            ? t('wiki.search.searching')
            : search.results
              ? t('wiki.search.count', { count: results.length })
              : ''}
      </p>
      {search.error && (
        <p className="banner banner-denied" role="alert">
          {errorMessage(t, search.error)}
        </p>
      )}
      <ol className="search-results" aria-label={t('wiki.search.resultsLabel')}>
        {results.map((result) => (
          <li key={result.pageId}>
            <Link to={`/p/${encodeURIComponent(result.pageId)}`} className="search-result-title">
              {result.title}
            </Link>{' '}
            <span className={`kind-tag kind-${result.kind}`}>{t(`kinds.${result.kind}`)}</span>
            {result.coding && (
              <span className="search-result-coding">
                {' '}
                {t(result.coding.caseLevel ? 'wiki.search.codedCase' : 'wiki.search.codedPassages', {
                  count: result.coding.passages,
                })}
              </span>
            )}
            {result.snippet && (
              <p className="search-result-snippet">
                <Snippet html={result.snippet} />
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  )
}
