/**
 * Reads Tisserand's auth messages. The server tells each connection its access level right after
 * it connects (see @tisserand/sync-protocol); y-websocket's stock handler ignores that sub-type,
 * so this one replaces it and still reports y-protocols' permission-denied.
 */
import { type Access, AuthSubType, MessageType, readAccessMessage } from '@tisserand/sync-protocol'
import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'

export interface AccessListener {
  onAccess(access: Access): void
  onPermissionDenied(reason: string): void
}

export function installAccessHandler(provider: WebsocketProvider, listener: AccessListener): void {
  provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => {
    if (decoding.peekVarUint(decoder) === AuthSubType.permissionDenied) {
      decoding.readVarUint(decoder)
      listener.onPermissionDenied(decoding.readVarString(decoder))
      return
    }
    // Unknown sub-types give null and are ignored, so a newer server does not break this client.
    const access = readAccessMessage(decoder)
    if (access !== null) listener.onAccess(access)
  }
}
