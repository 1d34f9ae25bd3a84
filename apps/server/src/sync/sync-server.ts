/**
 * The collaboration endpoint: WebSocket upgrades at /collab/<docName>, one Room per loaded
 * document, unloading idle documents, and the checks that keep one bad client from hurting others.
 */
import type http from 'node:http'
import type { Duplex } from 'node:stream'
import { type Access, CloseCode } from '@tisserand/sync-protocol'
import { type RawData, WebSocketServer } from 'ws'
import type * as Y from 'yjs'
import type { Logger } from '../ops/logger.ts'
import type { Metrics } from '../ops/metrics.ts'
import { type DocStore, StorageFull } from '../store/doc-store.ts'
import { Connection, type Principal } from './connection.ts'
import type { Fanout } from './fanout.ts'
import { MalformedMessage, parseMessage } from './messages.ts'
import { type PageDocs, type ServerWriteAuthor, storedPageDocs } from './page-docs.ts'
import { Room } from './room.ts'
import { ClientIdTaken } from './update-authorship.ts'

export const COLLAB_PATH = '/collab/'

/** What the access layer decides for one upgrade request. */
export type UpgradeDecision =
  | { ok: true; principal: Principal; access: Access }
  | { ok: false; status: 400 | 401 | 403 | 404; code: string; message: string }

export type AuthorizeUpgrade = (
  req: http.IncomingMessage,
  docName: string,
  url: URL,
) => Promise<UpgradeDecision>

export interface SyncServerOptions {
  store: DocStore
  metrics: Metrics
  logger: Logger
  authorize: AuthorizeUpgrade
  maxMessageBytes: number
  maxBufferedBytes: number
  compactThreshold: number
  unloadGraceMs: number
  awarenessFlushMs: number
  /** How often dead peers are detected with ping/pong. */
  heartbeatMs?: number
  /**
   * Told after each accepted update is stored and applied, with who sent it. Runs once per
   * update inside the document's queue: it must only note the change (derive/, recent changes
   * do their work later, debounced), never do it.
   */
  onDocUpdated?: (docName: string, principal: Principal) => void
  /** Told when a document has been loaded into memory (e.g. to derive a page never indexed). */
  onDocLoaded?: (docName: string) => void
  /**
   * Also compare each live document with a mirror of its storage after every turn
   * (SYNC_INVARIANT_GUARD); a difference, or any unstored change, is fatal then.
   */
  guardStoredState?: boolean
  /** Store who wrote each update and bind Yjs client ids to users (HISTORY); see update-authorship.ts. */
  recordAuthorship?: boolean
  /** Told when a document's last connection closes (e.g. to capture a version). */
  onLastConnectionClosed?: (docName: string) => void
  /** Other instances (REDIS_URL): committed updates and presence go to them and come from them. */
  fanout?: Fanout | undefined
}

const DOC_NAME = /^[A-Za-z0-9_-]{1,128}$/

export class SyncServer {
  private readonly wss: WebSocketServer
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>()
  private readonly heartbeat: NodeJS.Timeout
  private readonly storedDocs: PageDocs
  private accepting = true
  /** A client sending garbage in a loop must not flood the log (the metric still counts each). */
  private readonly rejectLog = new LogBudget(20, 1000, (suppressed) =>
    this.options.logger.warn(
      { suppressed },
      'more connections closed for bad messages (not logged one by one)',
    ),
  )
  /** Set while appends fail for lack of space; cleared by the next update stored. */
  private diskFull = false

  constructor(private readonly options: SyncServerOptions) {
    this.storedDocs = storedPageDocs(options.store)
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes })
    this.heartbeat = setInterval(() => this.checkHeartbeats(), options.heartbeatMs ?? 30_000)
    this.heartbeat.unref()
  }

  /** The `upgrade` listener for the HTTP server. */
  readonly handleUpgrade = async (req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    socket.on('error', () => socket.destroy())
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith(COLLAB_PATH))
      return rejectUpgrade(socket, 404, 'not_found', 'No such endpoint')
    if (!this.accepting) return rejectUpgrade(socket, 503, 'shutting_down', 'Server is shutting down')
    const docName = decodeURIComponent(url.pathname.slice(COLLAB_PATH.length))
    if (!DOC_NAME.test(docName)) return rejectUpgrade(socket, 400, 'invalid_page_id', 'Invalid page id')
    let decision: UpgradeDecision
    try {
      decision = await this.options.authorize(req, docName, url)
    } catch (error) {
      this.options.logger.error({ err: error }, 'upgrade authorization failed')
      return rejectUpgrade(socket, 500, 'internal', 'Internal error')
    }
    if (!decision.ok) return rejectUpgrade(socket, decision.status, decision.code, decision.message)
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new Connection(
        ws,
        docName,
        decision.principal,
        decision.access,
        this.options.maxBufferedBytes,
      )
      void this.attach(conn)
    })
  }

  private async attach(conn: Connection): Promise<void> {
    const { ws } = conn
    const { metrics, logger } = this.options
    metrics.connections.inc()
    // Messages may arrive while the document loads: queue them until the room exists.
    const early: RawData[] = []
    let room: Room | null = null
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.reject(conn, 'text_frame', 'text frames are not part of the protocol')
      else if (room) this.receive(room, conn, data)
      else early.push(data)
    })
    ws.on('error', (error) => {
      logger.warn({ doc: conn.docName, err: error }, 'socket error')
      if (error.message.includes('Max payload size exceeded'))
        metrics.rejectedMessages.inc({ reason: 'too_big' })
    })
    ws.on('pong', () => {
      conn.alive = true
    })
    ws.on('close', () => {
      metrics.connections.dec()
      if (room) this.detach(room, conn)
    })
    try {
      room = await this.acquire(conn.docName)
    } catch (error) {
      logger.error({ doc: conn.docName, err: error }, 'could not load document')
      conn.close(1011, 'could not load document')
      return
    }
    if (!conn.open) {
      this.scheduleUnloadIfIdle(room)
      return
    }
    this.cancelUnload(conn.docName)
    room.join(conn)
    conn.setAccess(conn.access)
    for (const data of early) this.receive(room, conn, data)
  }

  private receive(room: Room, conn: Connection, data: RawData): void {
    if (conn.rejected) return
    const frame = toBytes(data)
    let message: ReturnType<typeof parseMessage>
    try {
      message = parseMessage(frame)
    } catch (error) {
      this.reject(conn, 'malformed', (error as Error).message)
      return
    }
    room
      .enqueue(() => (conn.rejected ? undefined : room.handle(conn, message)))
      .catch((error: unknown) => {
        if (error instanceof MalformedMessage) return this.reject(conn, 'malformed', error.message)
        if (error instanceof ClientIdTaken)
          return this.reject(conn, 'client_id_taken', error.message, CloseCode.clientIdTaken)
        if (error instanceof StorageFull) return this.storageFull(conn)
        this.options.logger.error({ doc: room.name, err: error }, 'update not stored')
        conn.close(1011, 'update not stored')
      })
  }

  /**
   * The disk is full: the update was not stored. Its sender is told (4507: its client shows "not
   * saved" and retries), everyone else reads on. Logged once per episode, not once per update.
   */
  private storageFull(conn: Connection): void {
    this.options.metrics.rejectedMessages.inc({ reason: 'storage_full' })
    if (!this.diskFull) {
      this.diskFull = true
      this.options.logger.error(
        { doc: conn.docName },
        'storage full: updates are refused until space is freed',
      )
    }
    conn.close(CloseCode.storageFull, 'storage full')
  }

  /** An update was stored: a full disk is behind us. */
  private readonly stored = (docName: string, principal: Principal): void => {
    if (this.diskFull) {
      this.diskFull = false
      this.options.logger.warn({ doc: docName }, 'storage available again: updates are accepted')
    }
    this.options.onDocUpdated?.(docName, principal)
  }

  private reject(conn: Connection, reason: string, detail: string, code: number = CloseCode.malformed): void {
    this.options.metrics.rejectedMessages.inc({ reason })
    if (this.rejectLog.allow()) {
      this.options.logger.warn(
        { doc: conn.docName, user: conn.principal.userId, reason, detail },
        'closing connection',
      )
    }
    conn.close(code, reason)
  }

  private detach(room: Room, conn: Connection): void {
    const wasThere = room.connections.has(conn)
    room.leave(conn)
    if (wasThere && room.connections.size === 0) {
      try {
        this.options.onLastConnectionClosed?.(room.name)
      } catch (error) {
        this.options.logger.error({ doc: room.name, err: error }, 'onLastConnectionClosed failed')
      }
    }
    this.scheduleUnloadIfIdle(room)
  }

  private async acquire(docName: string): Promise<Room> {
    const existing = this.rooms.get(docName)
    if (existing?.unloading) await existing.unloading
    const current = this.rooms.get(docName)
    if (current) return current
    let pending = this.loading.get(docName)
    if (!pending) {
      const {
        store,
        metrics,
        logger,
        compactThreshold,
        awarenessFlushMs,
        guardStoredState,
        recordAuthorship,
      } = this.options
      pending = Room.load(docName, {
        store,
        metrics,
        logger,
        compactThreshold,
        awarenessFlushMs,
        onDocUpdated: this.stored,
        guardStoredState,
        recordAuthorship,
        onInvariantViolated: this.invariantViolated,
        fanout: this.options.fanout,
      })
        .then((room) => {
          this.rooms.set(docName, room)
          metrics.loadedDocs.inc()
          // Follows the page on the other instances; catches up on what they committed since the load.
          void this.options.fanout?.opened(room)
          this.options.onDocLoaded?.(docName)
          return room
        })
        .finally(() => this.loading.delete(docName))
      this.loading.set(docName, pending)
    }
    return pending
  }

  private scheduleUnloadIfIdle(room: Room): void {
    if (room.connections.size > 0 || room.unloading || this.unloadTimers.has(room.name)) return
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.name)
      if (room.connections.size === 0) void this.unload(room)
    }, this.options.unloadGraceMs)
    timer.unref()
    this.unloadTimers.set(room.name, timer)
  }

  private cancelUnload(docName: string): void {
    const timer = this.unloadTimers.get(docName)
    if (timer) clearTimeout(timer)
    this.unloadTimers.delete(docName)
  }

  /** Stores everything queued, compacts, then frees the document. */
  private unload(room: Room): Promise<void> {
    if (room.unloading) return room.unloading
    room.unloading = (async () => {
      await room.drain()
      await room.compact()
      this.options.fanout?.closed(room.name)
      room.destroy()
      this.rooms.delete(room.name)
      this.options.metrics.loadedDocs.dec()
    })()
    return room.unloading
  }

  /** Applies `change` to every open connection whose principal matches (access revoked or changed). */
  updateConnections(
    matches: (principal: Principal, docName: string) => boolean,
    change: 'close' | ((principal: Principal) => Access),
  ): number {
    let count = 0
    for (const room of this.rooms.values()) {
      for (const conn of room.connections) {
        if (!matches(conn.principal, conn.docName)) continue
        count += 1
        if (change === 'close') {
          conn.close(CloseCode.forbidden, 'access revoked')
          continue
        }
        const access = change(conn.principal)
        if (conn.access !== access) conn.setAccess(access)
      }
    }
    return count
  }

  /**
   * Runs `read` on a document as it is now: the live one if loaded (it holds everything stored),
   * otherwise a throwaway copy loaded from storage. `read` must not modify or keep the document.
   */
  async readDoc<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T> {
    const live = this.rooms.get(docName)
    if (live && !live.unloading) return live.read(read)
    return this.storedDocs.read(docName, read)
  }

  /**
   * A change made by the server (PageDocs.write): through the room's queue, stored then applied
   * then broadcast like a client's update, credited to `author` when given. A room loaded only
   * for this write is unloaded (compacted) before this resolves, so the caller may remove the
   * document's rows right after (a case sheet whose row could not be created).
   */
  async writeAsServer(docName: string, update: Uint8Array, author?: ServerWriteAuthor): Promise<void> {
    const room = await this.acquire(docName)
    try {
      await room.enqueue(() => room.acceptServerUpdate(update, author))
    } finally {
      if (room.connections.size === 0) {
        this.cancelUnload(docName)
        await this.unload(room)
      }
    }
  }

  private readonly invariantViolated = (docName: string, detail: string): void => {
    this.options.metrics.unstoredChanges.inc()
    const stack = new Error('stored-state invariant').stack
    if (!this.options.guardStoredState) {
      this.options.logger.error({ doc: docName, detail, stack }, 'sync invariant violated')
      return
    }
    this.options.logger.fatal({ doc: docName, detail, stack }, 'sync invariant violated')
    // Guarded runs (the test suites) must not go on as if nothing happened.
    process.exit(70)
  }

  /**
   * Closes every connection of these documents and unloads them now (pages deleted for good):
   * once it resolves, nothing of theirs is queued or will be written back, so their rows can go.
   */
  async closeDocuments(docNames: string[]): Promise<void> {
    const names = new Set(docNames)
    this.updateConnections((_principal, docName) => names.has(docName), 'close')
    await Promise.allSettled(docNames.map((name) => this.loading.get(name)))
    const rooms = docNames.flatMap((name) => this.rooms.get(name) ?? [])
    for (const room of rooms) this.cancelUnload(room.name)
    await Promise.all(rooms.map((room) => this.unload(room)))
  }

  get loadedDocCount(): number {
    return this.rooms.size
  }

  /** Pages waiting out UNLOAD_GRACE_MS (each holds a timer). */
  get pendingUnloadCount(): number {
    return this.unloadTimers.size
  }

  private checkHeartbeats(): void {
    for (const room of this.rooms.values()) {
      for (const conn of room.connections) {
        if (!conn.alive) {
          conn.ws.terminate()
          continue
        }
        conn.alive = false
        conn.ws.ping()
      }
    }
  }

  /** Stops accepting, closes every socket, stores and compacts every loaded document. */
  async close(): Promise<void> {
    this.accepting = false
    clearInterval(this.heartbeat)
    for (const timer of this.unloadTimers.values()) clearTimeout(timer)
    this.unloadTimers.clear()
    await Promise.allSettled(this.loading.values())
    for (const room of this.rooms.values()) room.closeAll()
    await Promise.all([...this.rooms.values()].map((room) => this.unload(room)))
    this.wss.close()
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}

function rejectUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } })
  const reason =
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      500: 'Internal Server Error',
      503: 'Service Unavailable',
    }[status] ?? 'Error'
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

/** At most `perWindow` log lines per `windowMs`; the lines left out are counted, then told once. */
class LogBudget {
  private windowStart = 0
  private used = 0
  private suppressed = 0

  constructor(
    private readonly perWindow: number,
    private readonly windowMs: number,
    private readonly tellSuppressed: (count: number) => void,
  ) {}

  allow(): boolean {
    const now = performance.now()
    if (now - this.windowStart >= this.windowMs) {
      if (this.suppressed > 0) this.tellSuppressed(this.suppressed)
      this.windowStart = now
      this.used = 0
      this.suppressed = 0
    }
    if (this.used < this.perWindow) {
      this.used += 1
      return true
    }
    this.suppressed += 1
    return false
  }
}
