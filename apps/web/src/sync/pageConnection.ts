/**
 * One page's live connection: its Y.Doc, the WebSocket provider that syncs it with the server,
 * and a small observable state (sync status, access level) for the UI.
 */
import { type Access, CloseCode } from '@tisserand/sync-protocol'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { installAccessHandler } from './accessHandler.ts'
import { collabUrl } from './collabUrl.ts'

export type SyncState = 'connecting' | 'synced' | 'offline'
/** 'denied' when the server refused the page: nothing is shown or kept. */
export type PageAccess = Access | 'denied'

export interface ConnectionState {
  sync: SyncState
  access: PageAccess
}

export interface PageConnection {
  readonly pageId: string
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  getState(): ConnectionState
  subscribe(listener: () => void): () => void
  destroy(): void
}

export function openPageConnection(pageId: string): PageConnection {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(collabUrl(window.location), pageId, doc)
  // Until the server says otherwise, the user may write (the server enforces it anyway).
  let state: ConnectionState = { sync: 'connecting', access: 'read-write' }
  const listeners = new Set<() => void>()

  function update(patch: Partial<ConnectionState>) {
    const next = { ...state, ...patch }
    if (next.sync === state.sync && next.access === state.access) return
    state = next
    for (const listener of listeners) listener()
  }

  installAccessHandler(provider, {
    onAccess: (access) => update({ access }),
    onPermissionDenied: () => update({ access: 'denied' }),
  })

  provider.on('status', ({ status }) => {
    if (status === 'connected') update({ sync: provider.synced ? 'synced' : 'connecting' })
    else if (status === 'disconnected') update({ sync: 'offline' })
    // A retry while offline stays "offline": flipping the label at each attempt would be noise.
    else if (state.sync !== 'offline') update({ sync: 'connecting' })
  })
  provider.on('sync', (synced) => {
    if (synced) update({ sync: 'synced' })
    else if (provider.wsconnected) update({ sync: 'connecting' })
  })
  // A socket that closes or fails before it ever opened emits no 'disconnected' status.
  provider.on('connection-close', () => update({ sync: 'offline' }))
  provider.on('connection-error', () => update({ sync: 'offline' }))
  // The server closed for a reason a retry cannot fix; the provider stops reconnecting.
  provider.on('closed', ({ code }) => {
    const refused = code === CloseCode.forbidden || code === CloseCode.unauthenticated
    update(refused ? { sync: 'offline', access: 'denied' } : { sync: 'offline' })
  })

  // The socket may look open for a while after the network went away: drop it, so that the
  // provider's reconnect loop reports the real state (offline until a new socket syncs).
  const onBrowserOffline = () => {
    update({ sync: 'offline' })
    provider.ws?.close()
  }
  window.addEventListener('offline', onBrowserOffline)

  return {
    pageId,
    doc,
    provider,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    destroy() {
      window.removeEventListener('offline', onBrowserOffline)
      listeners.clear()
      provider.destroy()
      doc.destroy()
    },
  }
}
