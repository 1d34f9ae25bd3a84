/**
 * Changes that must reach live sockets at once: a member removed or re-roled, a token revoked,
 * sessions ended. Routes emit them after the database change; the sync server applies them.
 */
import { EventEmitter } from 'node:events'
import type { Role } from '../store/schema.ts'

export type AccessChange =
  | { type: 'member-removed'; workspaceId: string; userId: string }
  | { type: 'role-changed'; workspaceId: string; userId: string; role: Role }
  | { type: 'token-revoked'; tokenId: string }
  | { type: 'sessions-ended'; sessionHashes: string[] }

export class AccessEvents {
  private readonly emitter = new EventEmitter()

  emit(change: AccessChange): void {
    this.emitter.emit('change', change)
  }

  subscribe(listener: (change: AccessChange) => void): () => void {
    this.emitter.on('change', listener)
    return () => this.emitter.off('change', listener)
  }
}
