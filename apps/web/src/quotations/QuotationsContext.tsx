/**
 * The quotations of the page being edited, fetched once for all its quotation node views and
 * fetched again when the workspace's event stream says a source may have changed (edited, coded,
 * moved to the trash, restored, deleted) or the page's own quotations changed.
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef } from 'react'
import { useResource } from '../api/useResource.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { type QuotationView, quotationsApi, touchesQuotations } from './quotationsApi.ts'

interface PageQuotations {
  pageId: string
  workspaceId: string
  byCoding: ReadonlyMap<string, QuotationView>
  loaded: boolean
  reload: () => void
}

const Context = createContext<PageQuotations | null>(null)

export function QuotationsProvider({
  pageId,
  workspaceId,
  children,
}: {
  pageId: string
  workspaceId: string
  children: ReactNode
}) {
  const data = useResource(() => quotationsApi.ofPage(pageId), [pageId])
  const timer = useRef<number | undefined>(undefined)
  const { reload } = data
  // Bursts of events (an edit derives passages, then quotations) make one request.
  const soon = useMemo(
    () => () => {
      window.clearTimeout(timer.current)
      timer.current = window.setTimeout(reload, 150)
    },
    [reload],
  )
  useEffect(() => () => window.clearTimeout(timer.current), [])
  useWorkspaceEvents(workspaceId, (change) => {
    if (touchesQuotations(change?.type)) soon()
  })
  const value = useMemo<PageQuotations>(
    () => ({
      pageId,
      workspaceId,
      byCoding: new Map((data.data?.quotations ?? []).map((q) => [q.codingId, q])),
      loaded: data.data !== undefined,
      reload: soon,
    }),
    [pageId, workspaceId, data.data, soon],
  )
  return <Context.Provider value={value}>{children}</Context.Provider>
}

export function usePageQuotations(): PageQuotations | null {
  return useContext(Context)
}
