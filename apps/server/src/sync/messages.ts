/**
 * Decoding and encoding y-websocket frames. Parsing is strict: anything that does not decode
 * throws MalformedMessage, so the connection that sent it can be closed before anything is touched.
 */
import { MessageType } from '@tisserand/sync-protocol'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'

export class MalformedMessage extends Error {}

export type IncomingMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  /** Sync step 2 and plain updates carry the same thing: a Yjs update. */
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  /** Auth messages from clients carry nothing the server acts on. */
  | { kind: 'auth' }

function readBytes(decoder: decoding.Decoder): Uint8Array {
  const bytes = decoding.readVarUint8Array(decoder)
  // lib0 returns a view without a bounds check; a frame's buffer may be a slice of a larger pool,
  // so a lying length would read someone else's bytes instead of throwing.
  if (decoder.pos > decoder.arr.length) throw new MalformedMessage('length prefix past the end of the frame')
  return bytes
}

export function parseMessage(frame: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder)
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          return { kind: 'sync-step-1', stateVector: readBytes(decoder) }
        }
        if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          return { kind: 'update', update: readBytes(decoder) }
        }
        throw new MalformedMessage(`unknown sync message type ${syncType}`)
      }
      case MessageType.awareness:
        return { kind: 'awareness', update: readBytes(decoder) }
      case MessageType.queryAwareness:
        return { kind: 'query-awareness' }
      case MessageType.auth:
        return { kind: 'auth' }
      default:
        throw new MalformedMessage(`unknown message type ${type}`)
    }
  } catch (error) {
    if (error instanceof MalformedMessage) throw error
    throw new MalformedMessage(error instanceof Error ? error.message : String(error))
  }
}

/** A sync message: its sub-type (step 1, step 2, update) and its payload. */
function encodeSync(subType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, subType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

export const encodeSyncStep1 = (stateVector: Uint8Array) =>
  encodeSync(syncProtocol.messageYjsSyncStep1, stateVector)
export const encodeSyncStep2 = (update: Uint8Array) => encodeSync(syncProtocol.messageYjsSyncStep2, update)
export const encodeUpdate = (update: Uint8Array) => encodeSync(syncProtocol.messageYjsUpdate, update)

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}
