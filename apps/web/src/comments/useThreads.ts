import { useCallback } from 'react'
import type { WorkspaceChange } from '../api/types.ts'
import { useResource } from '../api/useResource.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { commentsApi } from './commentsApi.ts'

/** A page's threads, reloaded live when anyone changes one (the workspace event stream). */
export function useThreads(pageId: string, workspaceId: string) {
  const threads = useResource(() => commentsApi.list(pageId), [pageId])
  const { reload } = threads
  const onChange = useCallback(
    (change: WorkspaceChange | null) => {
      if (change === null || (change.type.startsWith('thread.') && change.pageId === pageId)) reload()
    },
    [pageId, reload],
  )
  useWorkspaceEvents(workspaceId, onChange)
  return threads
}
