/**
 * Knowing which local modifications the server has: the y-websocket protocol has no
 * acknowledgement, but Tisserand's server handles a page's messages one after the other and
 * stores an update before it handles the next message (docs/sync-protocol.md). So a sync step 1
 * sent after some updates is answered (with a step 2) only once those updates are on disk: that
 * answer confirms them.
 *
 * Each step 1 this client sends gets exactly one step 2 back, in order. The provider's own step 1
 * (sent when the socket opens) confirms nothing: offline changes go out only afterwards, in the
 * answer to the server's step 1. The probes sent from here, once that answer is on its way,
 * confirm every modification counted at the time they were sent, provided the server lets this
 * connection write (read-write access).
 */
import { type Access, MessageType } from '@tisserand/sync-protocol'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export interface ConfirmationHooks {
  /** Modifications counted so far. */
  edits(): number
  /** The server has the first `count` modifications. */
  confirm(count: number): void
  /** The server's state vector, as its step 1 announces it. */
  serverStateVector(sv: Map<number, number>): void
  /** A probe went out: changes from now on are a new modification. */
  closeBurst(): void
}

export interface Confirmations {
  onSend(socket: WebSocket, data: unknown): void
  onAccess(access: Access): void
  /** Asks the server to confirm what it has received so far (when it can answer). */
  probe(): void
}

type Outstanding = { confirms: number | null }

function syncSubType(data: unknown): number | null {
  const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null
  if (!bytes || bytes.length < 2) return null
  const decoder = decoding.createDecoder(bytes)
  if (decoding.readVarUint(decoder) !== MessageType.sync) return null
  return decoding.readVarUint(decoder)
}

export function trackConfirmations(provider: WebsocketProvider, hooks: ConfirmationHooks): Confirmations {
  let socket: WebSocket | null = null
  let outstanding: Outstanding[] = []
  /** This socket has answered the server's step 1: everything local is on the wire. */
  let answered = false
  let access: Access | null = null
  let probing: number | null = null

  const reset = (next: WebSocket | null) => {
    socket = next
    outstanding = []
    answered = false
    access = null
  }
  provider.on('connection-close', () => reset(null))

  const original = provider.messageHandlers[MessageType.sync]
  provider.messageHandlers[MessageType.sync] = (encoder, decoder, p, emitSynced, messageType) => {
    const subType = decoding.peekVarUint(decoder)
    let serverSv: Map<number, number> | null = null
    if (subType === syncProtocol.messageYjsSyncStep1) {
      const peek = decoding.clone(decoder)
      decoding.readVarUint(peek)
      try {
        serverSv = Y.decodeStateVector(decoding.readVarUint8Array(peek))
      } catch {
        serverSv = null
      }
    }
    original?.(encoder, decoder, p, emitSynced, messageType)
    if (subType === syncProtocol.messageYjsSyncStep2) {
      const entry = outstanding.shift()
      if (entry && entry.confirms !== null && access === 'read-write') hooks.confirm(entry.confirms)
    } else if (subType === syncProtocol.messageYjsSyncStep1) {
      if (serverSv) hooks.serverStateVector(serverSv)
      // The answer (our step 2) is sent right after this handler returns; probe after it.
      answered = true
      setTimeout(() => probe(), 0)
    }
  }

  function probe() {
    const ws = provider.ws
    if (!ws || ws !== socket || !answered || ws.readyState !== WebSocket.OPEN) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    syncProtocol.writeSyncStep1(encoder, provider.doc)
    probing = hooks.edits()
    hooks.closeBurst()
    try {
      ws.send(encoding.toUint8Array(encoder))
    } finally {
      probing = null
    }
  }

  return {
    onSend(ws, data) {
      if (ws !== socket) reset(ws)
      if (syncSubType(data) === syncProtocol.messageYjsSyncStep1) outstanding.push({ confirms: probing })
    },
    onAccess(next) {
      access = next
      // The answer to an early probe may have come before the access message: ask again.
      if (next === 'read-write') setTimeout(() => probe(), 0)
    },
    probe,
  }
}
