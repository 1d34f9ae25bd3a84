import { useEffect, useState } from 'react'
import { ApiError } from '../../api/client.ts'
import { wikiApi } from '../../api/endpoints.ts'
import type { PageKind, SearchResult } from '../../api/types.ts'

export interface SearchState {
  results: SearchResult[] | null
  pending: boolean
  error: ApiError | null
  /** The query the results answer (they may lag behind what is typed). */
  query: string
}

/** Searches as the user types: debounced, and an answer to an older query never replaces a newer one. */
export function useSearch(
  workspaceId: string,
  q: string,
  kind?: PageKind,
  limit = 20,
  delay = 200,
  /** Only pages coded with this code; then words are optional. */
  code?: string,
): SearchState {
  const [state, setState] = useState<SearchState>({ results: null, pending: false, error: null, query: '' })
  useEffect(() => {
    const query = q.trim()
    if ((query === '' && !code) || !workspaceId) {
      setState({ results: null, pending: false, error: null, query: '' })
      return
    }
    let current = true
    setState((previous) => ({ ...previous, pending: true }))
    const timer = setTimeout(() => {
      wikiApi.search(workspaceId, query, kind, limit, code).then(
        ({ results }) => {
          if (current) setState({ results, pending: false, error: null, query })
        },
        (error: unknown) => {
          if (current)
            setState({
              results: null,
              pending: false,
              error: error instanceof ApiError ? error : new ApiError(0, 'internal', String(error)),
              query,
            })
        },
      )
    }, delay)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [workspaceId, q, kind, limit, delay, code])
  return state
}
