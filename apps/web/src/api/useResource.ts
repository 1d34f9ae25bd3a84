import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from './client.ts'

export interface Resource<T> {
  data: T | undefined
  error: ApiError | null
  loading: boolean
  /** Loads again, keeping the current data on screen meanwhile (no flicker on live refresh). */
  reload: () => void
}

/** Loads something from the API when `deps` change; a late answer for old deps is dropped. */
export function useResource<T>(load: () => Promise<T>, deps: DependencyList): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [generation, setGeneration] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  // biome-ignore lint/correctness/useExhaustiveDependencies: deps are the caller's; generation forces a reload
  useEffect(() => {
    let current = true
    setLoading(true)
    loadRef.current().then(
      (value) => {
        if (!current) return
        setData(value)
        setError(null)
        setLoading(false)
      },
      (reason: unknown) => {
        if (!current) return
        setError(reason instanceof ApiError ? reason : new ApiError(0, 'internal', String(reason)))
        setLoading(false)
      },
    )
    return () => {
      current = false
    }
  }, [...deps, generation])

  const reload = useCallback(() => setGeneration((n) => n + 1), [])
  return { data, error, loading, reload }
}
