/**
 * Live changes of a workspace (page tree, codebook, comments...) for everyone viewing it.
 * With several instances the composition root gives a `relay` (to the other instances, through
 * Redis) and hands what they send to `deliver`.
 */
import { EventEmitter } from 'node:events'

export interface WorkspaceEvent {
  /** What changed, e.g. `page.created`, `page.updated`, `thread.created`. */
  type: string
  /** Who caused it, when known (clients skip re-fetching their own changes if they wish). */
  actorId?: string
  /** Only these users may receive it (e.g. a coding in a blind round: its author); everyone when absent. */
  visibleTo?: string[]
  [key: string]: unknown
}

export class WorkspaceEvents {
  private readonly emitter = new EventEmitter()

  constructor(private readonly relay?: (workspaceId: string, event: WorkspaceEvent) => void) {
    // One listener per open event stream; hundreds of viewers are expected, not a leak.
    this.emitter.setMaxListeners(0)
  }

  publish(workspaceId: string, event: WorkspaceEvent): void {
    this.emitter.emit(workspaceId, event)
    this.relay?.(workspaceId, event)
  }

  /** An event another instance published: to this instance's streams only. */
  deliver(workspaceId: string, event: WorkspaceEvent): void {
    this.emitter.emit(workspaceId, event)
  }

  subscribe(workspaceId: string, listener: (event: WorkspaceEvent) => void): () => void {
    this.emitter.on(workspaceId, listener)
    return () => this.emitter.off(workspaceId, listener)
  }
}
