/**
 * Editor-like clients for every system: y-websocket's WebsocketProvider (Tisserand, the stock
 * server, the relay) or @hocuspocus/provider (Hocuspocus), over a WebSocket that counts the bytes
 * it sends and receives. The connect URL is built in `endpoint()` only.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { ServerProcess } from './process.ts'
import type { SystemDef } from './systems.ts'

/** Application bytes on the wire (WebSocket payloads), both directions, all clients. */
export const wire = { sent: 0, received: 0 }

function byteLength(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength
  if (ArrayBuffer.isView(data)) return data.byteLength
  if (Array.isArray(data)) return data.reduce((sum: number, part) => sum + byteLength(part), 0)
  if (typeof data === 'string') return Buffer.byteLength(data)
  return 0
}

class CountingWebSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols)
    this.on('message', (data) => {
      wire.received += byteLength(data)
    })
  }

  override send(data: unknown, ...rest: unknown[]): void {
    wire.sent += byteLength(data)
    ;(WebSocket.prototype.send as (...args: unknown[]) => void).call(this, data, ...rest)
  }
}

/** Extra connect parameters every client sends (e.g. an access token once accounts exist). */
export interface ConnectAuth {
  token?: string
}

/** The one place that knows how a client reaches a document on a server. */
export function endpoint(
  system: SystemDef,
  server: ServerProcess,
  docName: string,
  auth: ConnectAuth = {},
): { serverUrl: string; room: string; params: Record<string, string> } {
  const params: Record<string, string> = auth.token ? { token: auth.token } : {}
  if (system.protocol === 'hocuspocus') return { serverUrl: server.wsUrl, room: docName, params }
  return { serverUrl: `${server.wsUrl}/collab`, room: docName, params }
}

export interface BenchClient {
  doc: Y.Doc
  awareness: Awareness
  /** Resolves once the initial sync is done (for the relay: once the socket is open). */
  ready: Promise<void>
  destroy(): void
}

export function connectClient(
  system: SystemDef,
  server: ServerProcess,
  docName: string,
  auth: ConnectAuth = {},
): BenchClient {
  const doc = new Y.Doc()
  const { serverUrl, room, params } = endpoint(system, server, docName, auth)
  if (system.protocol === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({ url: serverUrl, WebSocketPolyfill: CountingWebSocket })
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: room,
      document: doc,
      token: auth.token ?? null,
    })
    provider.attach()
    const awareness = provider.awareness as Awareness
    const ready = new Promise<void>((resolve) => {
      if (provider.isSynced) resolve()
      else provider.on('synced', () => resolve())
    })
    return {
      doc,
      awareness,
      ready,
      destroy: () => {
        provider.destroy()
        socket.destroy()
        awareness.destroy()
        doc.destroy()
      },
    }
  }
  const provider = new WebsocketProvider(serverUrl, room, doc, {
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  })
  const ready = new Promise<void>((resolve) => {
    if (system.serverSync) {
      provider.on('sync', (synced: boolean) => {
        if (synced) resolve()
      })
    } else {
      provider.on('status', ({ status }: { status: string }) => {
        if (status === 'connected') resolve()
      })
    }
  })
  return {
    doc,
    awareness: provider.awareness,
    ready,
    destroy: () => {
      provider.destroy()
      provider.awareness.destroy()
      doc.destroy()
    },
  }
}
