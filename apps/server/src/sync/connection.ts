/** One client's collaboration socket: what it may do, and sending with a bound on its backlog. */
import { type Access, CloseCode, encodeAccessMessage } from '@tisserand/sync-protocol'
import WebSocket from 'ws'

/** Who is behind a connection, as the access layer identified them. Opaque to the sync loop. */
export interface Principal {
  userId: string
  name?: string
  /** The workspace of the page this connection edits. */
  workspaceId?: string
  sessionHash?: string | undefined
  tokenId?: string | undefined
  /** The policy action that lets this connection write (pages and the template differ). */
  writeAction?: string
  /**
   * Others must not see where this connection's caret and selection are (a coder of an open
   * blind round on its page: selecting a passage to code it would show the coding).
   */
  hideSelection?: boolean
}

export class Connection {
  /** Awareness client ids this connection announced, removed for the others when it closes. */
  readonly awarenessClients = new Set<number>()
  /** Set when the server closed it for cause: its queued messages must no longer be processed. */
  rejected = false
  alive = true

  constructor(
    readonly ws: WebSocket,
    readonly docName: string,
    readonly principal: Principal,
    private currentAccess: Access,
    private readonly maxBufferedBytes: number,
  ) {}

  get access(): Access {
    return this.currentAccess
  }

  get canWrite(): boolean {
    return this.currentAccess === 'read-write'
  }

  /** Changes what the connection may do, effective for the next message, and tells the client. */
  setAccess(access: Access): void {
    this.currentAccess = access
    this.send(encodeAccessMessage(access))
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN
  }

  /** Sends a frame; `onWritten`, if given, runs once it has left for the kernel (or failed to). */
  send(message: Uint8Array, onWritten?: () => void): void {
    if (!this.open) {
      onWritten?.()
      return
    }
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      this.close(CloseCode.tooSlow, 'client too slow to read')
      onWritten?.()
      return
    }
    if (onWritten) this.ws.send(message, () => onWritten())
    else this.ws.send(message)
  }

  /** Closes with a code; a peer that does not answer the close handshake is cut off soon after. */
  close(code: number, reason: string): void {
    if (code !== CloseCode.normal && code !== CloseCode.goingAway) this.rejected = true
    if (this.ws.readyState === WebSocket.CLOSED) return
    this.ws.close(code, reason)
    setTimeout(() => this.ws.terminate(), 1000).unref()
  }
}
