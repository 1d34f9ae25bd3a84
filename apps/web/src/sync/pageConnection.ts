/**
 * One page's live connection: its Y.Doc, the WebSocket provider that syncs it with the server,
 * the copy kept on this device (y-indexeddb, once the page's workspace is known), and a small
 * observable state (sync status, access level, modifications not yet confirmed) for the UI.
 */
import { type Access, CloseCode } from '@tisserand/sync-protocol'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { OfflineStore } from '../offline/store.ts'
import { installAccessHandler } from './accessHandler.ts'
import { collabUrl } from './collabUrl.ts'
import { type Confirmations, trackConfirmations } from './confirmations.ts'
import { LocalCopy } from './localCopy.ts'

/** 'sending': connected, with local modifications the server has not confirmed yet. */
/** `not-saved`: the server refused to store the last changes (its disk is full, 4507); kept here, sent again. */
export type SyncState = 'connecting' | 'synced' | 'offline' | 'sending' | 'not-saved'
/** 'denied' when the server refused the page: nothing is shown or kept. */
export type PageAccess = Access | 'denied'

export interface ConnectionState {
  sync: SyncState
  access: PageAccess
  /** Local modifications kept on this device that the server has not confirmed. */
  pending: number
  /** 'none' until the page is kept locally; 'ready' once its local copy is loaded. */
  local: 'none' | 'loading' | 'ready'
  /** The local copy held a body before this connection (the page was kept on this device). */
  localBody: boolean
  /** The body is here: kept on the device, or synced with the server at least once. */
  available: boolean
  /** The server closed with "access revoked" (4403): the copy must leave the device. */
  revoked?: boolean
}

export interface PageInfo {
  workspaceId: string
  title: string
  kind: string
}

export interface PageConnection {
  readonly pageId: string
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  getState(): ConnectionState
  subscribe(listener: () => void): () => void
  /** Keeps the page on this device from now on (and loads what was kept of it). */
  keepLocally(info: PageInfo, options?: { opened?: boolean }): void
  /** Called first when the connection is destroyed (the editor hands over what it still holds). */
  onBeforeDestroy(listener: () => void): () => void
  /** Resolves once everything made here is confirmed by the server (or after `timeoutMs`). */
  whenConfirmed(timeoutMs: number): Promise<boolean>
  destroy(): void
}

const openConnections = new Map<string, Set<PageConnection>>()

/** A connection this tab has open on `pageId` (the page view's, or a background one). */
export function openConnectionOf(pageId: string): PageConnection | undefined {
  return openConnections.get(pageId)?.values().next().value
}

/** A pause longer than this starts a new "modification" (a burst of typing counts as one). */
const BURST_MS = 1000
/** How soon after a local change the server is asked to confirm it. */
const CONFIRM_AFTER_MS = 150

export function openPageConnection(pageId: string, store: OfflineStore | null = null): PageConnection {
  const doc = new Y.Doc()
  let confirmations: Confirmations | null = null
  const provider = new WebsocketProvider(collabUrl(window.location), pageId, doc, {
    WebSocketPolyfill: class extends WebSocket {
      override send(data: Parameters<WebSocket['send']>[0]): void {
        confirmations?.onSend(this, data)
        super.send(data)
      }
    },
  })
  // Until the server says otherwise, the user may write (the server enforces it anyway).
  let state: ConnectionState = {
    sync: 'connecting',
    access: 'read-write',
    pending: 0,
    local: 'none',
    localBody: false,
    available: false,
  }
  let connected = false
  const listeners = new Set<() => void>()
  const beforeDestroy = new Set<() => void>()
  let local: LocalCopy | null = null
  // Without a store (no one signed in), modifications are counted for this tab only.
  let memoryEdits = 0
  let memoryConfirmed = 0

  const edits = () => store?.page(pageId)?.edits ?? memoryEdits
  const confirmedEdits = () => store?.page(pageId)?.confirmed ?? memoryConfirmed
  const pendingNow = () => Math.max(0, edits() - confirmedEdits())

  // Set when the server said it could not store our changes; cleared once it has them.
  let notSaved = false
  function syncState(): SyncState {
    if (!connected) return notSaved ? 'not-saved' : state.sync === 'connecting' ? 'connecting' : 'offline'
    if (notSaved && pendingNow() > 0) return 'not-saved'
    notSaved = false
    if (!provider.synced) return 'connecting'
    return pendingNow() > 0 ? 'sending' : 'synced'
  }

  function update(patch: Partial<ConnectionState> = {}) {
    const next = { ...state, ...patch }
    next.pending = pendingNow()
    if (patch.sync === undefined) next.sync = syncState()
    next.available = next.available || next.localBody || provider.synced
    if (
      next.sync === state.sync &&
      next.access === state.access &&
      next.pending === state.pending &&
      next.local === state.local &&
      next.localBody === state.localBody &&
      next.available === state.available &&
      next.revoked === state.revoked
    )
      return
    state = next
    for (const listener of [...listeners]) listener()
  }

  // What a probe may confirm: nothing kept on the device before its copy is loaded into the doc
  // (the server cannot have received what the doc does not hold yet).
  let localLoaded = false
  const confirmable = () => (!store?.page(pageId) || localLoaded ? edits() : confirmedEdits())

  confirmations = trackConfirmations(provider, {
    edits: confirmable,
    confirm(count) {
      if (store?.page(pageId)) void store.noteConfirmed(pageId, count).then(() => update())
      else {
        memoryConfirmed = Math.max(memoryConfirmed, Math.min(count, memoryEdits))
        update()
      }
    },
    serverStateVector(serverSv) {
      // Something on this device the server lacks that was never counted (a count lost in a
      // crash): count it, so that the status does not claim "synced" before it is confirmed.
      const localSv = Y.decodeStateVector(Y.encodeStateVector(doc))
      const lacking = [...localSv].some(([client, clock]) => clock > (serverSv.get(client) ?? 0))
      if (lacking && pendingNow() === 0) noteLocalEdit(false)
    },
    closeBurst: () => {
      burstOpen = false
    },
  })

  let burstOpen = false
  let burstTimer: ReturnType<typeof setTimeout> | undefined
  let confirmTimer: ReturnType<typeof setTimeout> | undefined

  function noteLocalEdit(scheduleConfirm = true) {
    if (!burstOpen) {
      burstOpen = true
      if (store?.page(pageId)) void store.noteEdit(pageId).then(() => update())
      else memoryEdits += 1
    }
    clearTimeout(burstTimer)
    burstTimer = setTimeout(() => {
      burstOpen = false
    }, BURST_MS)
    update()
    if (scheduleConfirm) {
      clearTimeout(confirmTimer)
      confirmTimer = setTimeout(() => confirmations?.probe(), CONFIRM_AFTER_MS)
    }
  }

  const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || (local && origin === local.persistence)) return
    noteLocalEdit()
  }
  doc.on('update', onDocUpdate)

  installAccessHandler(provider, {
    onAccess: (access) => {
      confirmations?.onAccess(access)
      update({ access })
    },
    onPermissionDenied: () => update({ access: 'denied' }),
  })

  provider.on('status', ({ status }) => {
    if (status === 'connected') {
      connected = true
      update()
    } else if (status === 'disconnected') {
      connected = false
      update({ sync: notSaved ? 'not-saved' : 'offline' })
    }
    // A retry while offline stays "offline": flipping the label at each attempt would be noise.
    else if (state.sync !== 'offline' && state.sync !== 'not-saved') update({ sync: 'connecting' })
  })
  provider.on('sync', () => update())
  // A socket that closes or fails before it ever opened emits no 'disconnected' status.
  provider.on('connection-close', (event: CloseEvent | null) => {
    connected = false
    if (event?.code === CloseCode.storageFull) notSaved = true
    update({ sync: notSaved ? 'not-saved' : 'offline' })
  })
  provider.on('connection-error', () => {
    connected = false
    update({ sync: 'offline' })
  })
  // The server closed for a reason a retry cannot fix; the provider stops reconnecting.
  provider.on('closed', ({ code }) => {
    connected = false
    const refused = code === CloseCode.forbidden || code === CloseCode.unauthenticated
    update(
      refused
        ? { sync: 'offline', access: 'denied', revoked: code === CloseCode.forbidden }
        : { sync: 'offline' },
    )
  })

  // The socket may look open for a while after the network went away: drop it, so that the
  // provider's reconnect loop reports the real state (offline until a new socket syncs).
  const onBrowserOffline = () => {
    connected = false
    update({ sync: 'offline' })
    provider.ws?.close()
  }
  window.addEventListener('offline', onBrowserOffline)
  // Back online: try at once rather than at the end of the back-off.
  const onBrowserOnline = () => {
    if (!provider.wsconnected && !provider.wsconnecting && provider.shouldConnect) {
      provider.disconnect()
      provider.connect()
    }
  }
  window.addEventListener('online', onBrowserOnline)
  const unsubscribeStore = store?.subscribe(() => update()) ?? (() => {})

  const connection: PageConnection = {
    pageId,
    doc,
    provider,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    keepLocally(info, options = {}) {
      if (!store || local) return
      const had = store.page(pageId)?.hasBody ?? false
      update({ local: 'loading', localBody: had })
      void store.keepPage({ pageId, ...info }, { opened: options.opened ?? true, hasBody: true }).then(() => {
        if (local) return
        local = new LocalCopy(store.docName({ pageId, workspaceId: info.workspaceId }), doc)
        void local.whenLoaded.then(() => {
          localLoaded = true
          update({ local: 'ready' })
          // What was kept went out with the loading (an update like any other): have it confirmed.
          confirmations?.probe()
        })
      })
    },
    onBeforeDestroy(listener) {
      beforeDestroy.add(listener)
      return () => beforeDestroy.delete(listener)
    },
    whenConfirmed(timeoutMs) {
      return new Promise((resolve) => {
        const check = () => state.sync === 'synced' && state.pending === 0 && state.local !== 'loading'
        if (check()) return resolve(true)
        const timer = setTimeout(() => {
          stop()
          resolve(false)
        }, timeoutMs)
        const listener = () => {
          if (!check()) return
          clearTimeout(timer)
          stop()
          resolve(true)
        }
        listeners.add(listener)
        const stop = () => listeners.delete(listener)
      })
    },
    destroy() {
      for (const listener of [...beforeDestroy]) listener()
      beforeDestroy.clear()
      openConnections.get(pageId)?.delete(connection)
      if (openConnections.get(pageId)?.size === 0) openConnections.delete(pageId)
      clearTimeout(burstTimer)
      clearTimeout(confirmTimer)
      window.removeEventListener('offline', onBrowserOffline)
      window.removeEventListener('online', onBrowserOnline)
      unsubscribeStore()
      doc.off('update', onDocUpdate)
      listeners.clear()
      confirmations = null
      provider.destroy()
      local?.destroy()
      doc.destroy()
    },
  }
  const same = openConnections.get(pageId) ?? new Set()
  same.add(connection)
  openConnections.set(pageId, same)
  return connection
}
