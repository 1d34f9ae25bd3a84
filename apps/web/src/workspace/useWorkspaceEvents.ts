import { useEffect, useRef } from 'react'
import { workspaceApi } from '../api/endpoints.ts'
import type { WorkspaceChange } from '../api/types.ts'

type Listener = (change: WorkspaceChange | null) => void

/**
 * One EventSource per workspace, shared by every component that follows it: a browser allows only
 * six HTTP/1.1 connections per origin, and each open stream holds one.
 */
const streams = new Map<string, { source: EventSource; listeners: Set<Listener> }>()

function subscribe(workspaceId: string, listener: Listener): () => void {
  let stream = streams.get(workspaceId)
  if (!stream) {
    const source = new EventSource(workspaceApi.eventsUrl(workspaceId))
    const listeners = new Set<Listener>()
    const emit = (change: WorkspaceChange | null) => {
      for (const each of [...listeners]) each(change)
    }
    let readyOnce = false
    source.addEventListener('ready', () => {
      if (readyOnce) emit(null)
      readyOnce = true
    })
    source.addEventListener('change', (event) => {
      let change: WorkspaceChange | null = null
      try {
        change = JSON.parse((event as MessageEvent<string>).data) as WorkspaceChange
      } catch {
        change = null
      }
      emit(change)
    })
    stream = { source, listeners }
    streams.set(workspaceId, stream)
  }
  const current = stream
  current.listeners.add(listener)
  return () => {
    current.listeners.delete(listener)
    if (current.listeners.size === 0) {
      current.source.close()
      streams.delete(workspaceId)
    }
  }
}

/**
 * Follows the workspace's event stream (SSE) and calls `onChange` for each change. EventSource
 * reconnects by itself; a change missed while disconnected is covered by calling `onChange` with
 * null when the stream is ready again, so the caller reloads everything.
 */
export function useWorkspaceEvents(workspaceId: string, onChange: (change: WorkspaceChange | null) => void) {
  const latest = useRef(onChange)
  latest.current = onChange

  useEffect(() => {
    if (typeof EventSource === 'undefined' || !workspaceId) return
    return subscribe(workspaceId, (change) => latest.current(change))
  }, [workspaceId])
}
