/**
 * What the Tisserand sync server and its clients agree on beyond the stock y-websocket protocol.
 *
 * The wire format is y-websocket's: every frame starts with a varUint message type
 * (sync, awareness, auth, query-awareness). Tisserand adds one auth sub-message that tells a
 * client whether its document updates will be kept: the stock client's auth handler only reacts
 * to sub-type 0 (permission denied) and ignores others, so stock clients stay compatible.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const

/** Sub-types of an auth message (the first varUint after MessageType.auth). */
export const AuthSubType = {
  /** y-protocols' permission-denied, followed by a reason string. */
  permissionDenied: 0,
  /** Tisserand: the connection's access level, followed by an {@link Access} string. */
  access: 1,
} as const

export type Access = 'read-write' | 'read-only'

/** WebSocket close codes the server uses, so that clients and tests can tell why a socket ended. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  /** A frame that does not decode as a y-websocket message, or a Yjs update that does not decode. */
  malformed: 1007,
  /** A frame over the configured size limit (ws emits this itself). */
  tooBig: 1009,
  /** The client did not read fast enough: its send buffer passed the limit. */
  tooSlow: 1013,
  /** The user's session or token is no longer valid. */
  unauthenticated: 4401,
  /** The user lost access to the page (removed from the workspace, page archived). */
  forbidden: 4403,
  /** The update carries content for a Yjs client id that belongs to another user. */
  clientIdTaken: 4409,
  /** The server's disk is full: the update was not stored (the client keeps it and retries). */
  storageFull: 4507,
} as const

export function encodeAccessMessage(access: Access): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.auth)
  encoding.writeVarUint(encoder, AuthSubType.access)
  encoding.writeVarString(encoder, access)
  return encoding.toUint8Array(encoder)
}

/** Reads the rest of an auth message (after its MessageType); returns the access it grants, if any. */
export function readAccessMessage(decoder: decoding.Decoder): Access | null {
  const subType = decoding.readVarUint(decoder)
  if (subType !== AuthSubType.access) return null
  const value = decoding.readVarString(decoder)
  return value === 'read-only' || value === 'read-write' ? value : null
}

/** Name of the XmlFragment that holds a page body (TipTap's Collaboration default). */
export const BODY_FRAGMENT = 'default'
