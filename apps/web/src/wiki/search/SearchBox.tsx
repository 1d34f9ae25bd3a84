/**
 * The workspace search box: results as you type in a listbox under it (WAI-ARIA combobox):
 * arrows choose, Enter opens the chosen page, or the results page when none is chosen.
 */
import { type KeyboardEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { Snippet } from './Snippet.tsx'
import { useSearch } from './useSearch.ts'

export function searchPath(workspaceId: string, q: string, kind?: string): string {
  const params = new URLSearchParams({ q })
  if (kind) params.set('kind', kind)
  return `/w/${encodeURIComponent(workspaceId)}/search?${params}`
}

export function SearchBox({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const id = useId()
  const [q, setQ] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const search = useSearch(workspaceId, q, undefined, 8)
  const results = search.results ?? []
  const showList = open && q.trim() !== ''
  const optionId = (i: number) => `${id}-option-${i}`

  function go(path: string) {
    setOpen(false)
    setActive(-1)
    void navigate(path)
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && results.length > 0) {
      event.preventDefault()
      setOpen(true)
      setActive((i) => (i + 1) % results.length)
    } else if (event.key === 'ArrowUp' && results.length > 0) {
      event.preventDefault()
      setOpen(true)
      setActive((i) => (i <= 0 ? results.length - 1 : i - 1))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const chosen = showList ? results[active] : undefined
      if (chosen) {
        setQ('')
        go(`/p/${encodeURIComponent(chosen.pageId)}`)
      } else if (q.trim() !== '') go(searchPath(workspaceId, q.trim()))
    } else if (event.key === 'Escape') {
      if (showList) {
        event.preventDefault()
        setOpen(false)
        setActive(-1)
      } else setQ('')
    }
  }

  const status = search.pending
    ? t('wiki.search.searching')
    : search.results === null
      ? ''
      : t('wiki.search.count', { count: results.length })

  return (
    <search
      className="search-box"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false)
      }}
    >
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t('wiki.search.label')}
      </label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        aria-describedby={`${id}-status`}
        placeholder={t('wiki.search.placeholder')}
        autoComplete="off"
        value={q}
        onChange={(event) => {
          setQ(event.target.value)
          setOpen(true)
          setActive(-1)
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-status`} className="visually-hidden" role="status">
        {showList ? status : ''}
      </span>
      <div className="search-popup" hidden={!showList}>
        <div id={`${id}-list`} role="listbox" aria-label={t('wiki.search.resultsLabel')}>
          {results.map((result, i) => (
            // Options are chosen with the pointer or with the combobox's keys, never focused.
            // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys
            <div
              key={result.pageId}
              id={optionId(i)}
              tabIndex={-1}
              role="option"
              aria-selected={i === active}
              className="search-option"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                setQ('')
                go(`/p/${encodeURIComponent(result.pageId)}`)
              }}
            >
              <span className="search-option-title">
                {result.title}{' '}
                <span className={`kind-tag kind-${result.kind}`}>{t(`kinds.${result.kind}`)}</span>
              </span>
              <span className="search-option-snippet">
                <Snippet html={result.snippet} />
              </span>
            </div>
          ))}
        </div>
        {search.results !== null && results.length === 0 && !search.pending && (
          <p className="search-empty">{t('wiki.search.none')}</p>
        )}
        <button
          type="button"
          className="button-quiet search-all"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => go(searchPath(workspaceId, q.trim()))}
        >
          {t('wiki.search.seeAll', { q: q.trim() })}
        </button>
      </div>
    </search>
  )
}
