/**
 * The live page list of the current workspace, shared by the tree, the link node views, the
 * page picker and the page view's title: loaded once, reloaded on every `page.*` event of the
 * workspace stream, so renames and moves made by anyone show up everywhere without a reload.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react'
import type { ApiError } from '../../api/client.ts'
import { pageApi } from '../../api/endpoints.ts'
import type { PageSummary, WorkspaceChange } from '../../api/types.ts'
import { useResource } from '../../api/useResource.ts'
import { useWorkspaceEvents } from '../../workspace/useWorkspaceEvents.ts'

export interface WorkspacePages {
  workspaceId: string
  pages: PageSummary[] | undefined
  byId: ReadonlyMap<string, PageSummary>
  error: ApiError | null
  reload: () => void
  /** Shows a change at once (a move, a rename) until the server's answer or event replaces it. */
  patchLocally: (pageId: string, patch: Partial<PageSummary>) => void
}

const Context = createContext<WorkspacePages | null>(null)

export function WorkspacePagesProvider({
  workspaceId,
  children,
}: {
  workspaceId: string
  children: ReactNode
}) {
  const resource = useResource(() => pageApi.list(workspaceId), [workspaceId])
  const { reload } = resource
  const [local, setLocal] = useState<{ base: unknown; patches: Map<string, Partial<PageSummary>> }>({
    base: null,
    patches: new Map(),
  })
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useWorkspaceEvents(
    workspaceId,
    useCallback(
      (change: WorkspaceChange | null) => {
        if (change !== null && !change.type.startsWith('page.')) return
        // A burst of events (a subtree archived, a drag) is one reload.
        if (reloadTimer.current) clearTimeout(reloadTimer.current)
        reloadTimer.current = setTimeout(reload, 80)
      },
      [reload],
    ),
  )

  const patchLocally = useCallback(
    (pageId: string, patch: Partial<PageSummary>) =>
      setLocal((previous) => {
        const patches = new Map(previous.base === resource.data ? previous.patches : [])
        patches.set(pageId, { ...patches.get(pageId), ...patch })
        return { base: resource.data, patches }
      }),
    [resource.data],
  )

  const pages = useMemo(() => {
    const list = resource.data?.pages
    // Local patches hold only until the next list from the server.
    if (!list || local.base !== resource.data || local.patches.size === 0) return list
    return list.map((page) => {
      const patch = local.patches.get(page.id)
      return patch ? { ...page, ...patch } : page
    })
  }, [resource.data, local])

  const value = useMemo<WorkspacePages>(
    () => ({
      workspaceId,
      pages,
      byId: new Map((pages ?? []).map((page) => [page.id, page])),
      error: resource.error,
      reload,
      patchLocally,
    }),
    [workspaceId, pages, resource.error, reload, patchLocally],
  )
  return <Context.Provider value={value}>{children}</Context.Provider>
}

/** The current workspace's live pages, or null outside a workspace. */
export function useWorkspacePages(): WorkspacePages | null {
  return useContext(Context)
}
