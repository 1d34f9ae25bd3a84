import { useEffect, useRef } from 'react'
import { workspaceApi } from '../api/endpoints.ts'
import type { WorkspaceChange } from '../api/types.ts'

/**
 * Follows the workspace's event stream (SSE) and calls `onChange` for each change. EventSource
 * reconnects by itself; a change missed while disconnected is covered by calling `onChange` with
 * null when the stream is ready again, so the caller reloads everything.
 */
export function useWorkspaceEvents(workspaceId: string, onChange: (change: WorkspaceChange | null) => void) {
  const latest = useRef(onChange)
  latest.current = onChange

  useEffect(() => {
    if (typeof EventSource === 'undefined') return
    const source = new EventSource(workspaceApi.eventsUrl(workspaceId))
    let readyOnce = false
    source.addEventListener('ready', () => {
      if (readyOnce) latest.current(null)
      readyOnce = true
    })
    source.addEventListener('change', (event) => {
      try {
        latest.current(JSON.parse((event as MessageEvent<string>).data) as WorkspaceChange)
      } catch {
        latest.current(null)
      }
    })
    return () => source.close()
  }, [workspaceId])
}
