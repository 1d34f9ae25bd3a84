/** The workspace event stream (Server-Sent Events): what changed, for clients to refresh live. */
import { streamSSE } from 'hono/streaming'
import { inWorkspace, type RouteHandlers, type RouteSpecs } from '../http/route-table.ts'
import type { WorkspaceRouteDeps } from './routes.ts'

const HEARTBEAT_MS = 25_000

export const EVENT_ROUTES = {
  workspaceEvents: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/events',
    guard: inWorkspace('workspace.read'),
  },
} as const satisfies RouteSpecs

export function eventHandlers({
  workspaceEvents,
  events,
}: WorkspaceRouteDeps): RouteHandlers<typeof EVENT_ROUTES> {
  return {
    workspaceEvents: (c) => {
      const workspaceId = c.get('workspaceId')
      const userId = c.get('auth')?.user.id
      return streamSSE(c, async (stream) => {
        let id = 0
        const queue: string[] = []
        let wake: (() => void) | null = null
        const push = (payload: string) => {
          queue.push(payload)
          wake?.()
        }
        // An event naming who may see it (a blind round's coding) reaches those members only.
        const unsubscribe = workspaceEvents.subscribe(workspaceId, ({ visibleTo, ...event }) => {
          if (visibleTo && !(userId && visibleTo.includes(userId))) return
          push(JSON.stringify(event))
        })
        // A member removed from the workspace stops receiving its events at once.
        let revoked = false
        const unwatch = events.subscribe((change) => {
          if (
            change.type === 'member-removed' &&
            change.workspaceId === workspaceId &&
            change.userId === userId
          ) {
            revoked = true
            wake?.()
          }
        })
        stream.onAbort(() => {
          revoked = true
          wake?.()
        })
        await stream.writeSSE({ event: 'ready', data: '{}' })
        try {
          while (!revoked) {
            const next = queue.shift()
            if (next !== undefined) {
              await stream.writeSSE({ event: 'change', data: next, id: String(++id) })
              continue
            }
            await new Promise<void>((resolve) => {
              wake = resolve
              setTimeout(resolve, HEARTBEAT_MS).unref()
            })
            wake = null
            if (queue.length === 0 && !revoked) await stream.write(': keep-alive\n\n')
          }
        } finally {
          unsubscribe()
          unwatch()
        }
      })
    },
  }
}
