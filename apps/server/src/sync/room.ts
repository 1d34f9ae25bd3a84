/**
 * One loaded document with its connections and presence.
 *
 * Every message for the document goes through one queue, so updates are stored, applied and
 * broadcast in the order they arrived, and a client that joins mid-stream misses nothing.
 * An update is appended to storage before it touches the in-memory document ("durable before
 * visible"): once another client has seen it, a crash cannot lose it.
 */
import { CloseCode } from '@tisserand/sync-protocol'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Logger } from '../ops/logger.ts'
import type { Metrics } from '../ops/metrics.ts'
import { type DocStore, isStorageFull, StorageFull, type StoredDoc } from '../store/doc-store.ts'
import { Connection, type Principal } from './connection.ts'
import { applyStoredDoc } from './doc-state.ts'
import type { Fanout, FanoutRoom } from './fanout.ts'
import {
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type IncomingMessage,
  MalformedMessage,
} from './messages.ts'
import type { ServerWriteAuthor } from './page-docs.ts'
import { StoredStateGuard } from './stored-state-guard.ts'
import { updateAuthorship } from './update-authorship.ts'

export interface RoomOptions {
  store: DocStore
  metrics: Metrics
  logger: Logger
  compactThreshold: number
  awarenessFlushMs: number
  /** Told after each update is stored and applied; see SyncServerOptions.onDocUpdated. */
  onDocUpdated?: ((docName: string, principal: Principal) => void) | undefined
  /** Also check the live doc against a mirror of storage after every turn (tests, debugging). */
  guardStoredState?: boolean | undefined
  /** Store who wrote each update (store/doc-store.ts UpdateAuthorship) and bind client ids to users. */
  recordAuthorship?: boolean
  /** Told when the live document no longer holds exactly what is stored (see stored-state-guard.ts). */
  onInvariantViolated?: ((docName: string, detail: string) => void) | undefined
  /** Other instances (REDIS_URL): told of each committed update and of local presence changes. */
  fanout?: Fanout | undefined
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/** Origin of the stored state applied into the live doc: it is no news to anyone, never broadcast. */
const FROM_STORAGE = Symbol('from storage')
/** Origin of the server's own updates (PageDocs.write): broadcast to every connection. */
const FROM_SERVER = Symbol('from the server')
/** Origin of updates and presence another instance committed or received: broadcast, never sent back. */
const FROM_REMOTE = Symbol('from another instance')

/**
 * Who the server's own changes are credited to: the seed author (migration 0004's `system` user).
 * It has no workspace, so no recent change is recorded for them.
 */
export const SERVER_PRINCIPAL: Principal = { userId: 'system', name: 'Tisserand' }
/** How long a cold room waits for its first client's request before building its live doc anyway. */
const BUILD_AFTER_JOIN_MS = 250

export class Room implements FanoutRoom {
  private readonly ydoc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc)
  /**
   * The stored state, until it is applied into the live doc. Applying a long history costs as much
   * as the client's own load, so a client that asks for everything (an empty state vector) is
   * answered from these bytes first, and the live doc is built right after, off its critical path.
   */
  private stored: { doc: StoredDoc; merged: Uint8Array | null } | null = null
  /** Connections that joined before the live doc was built: they get the server's step 1 then. */
  private readonly awaitingStep1 = new Set<Connection>()
  readonly connections = new Set<Connection>()
  /** Update rows stored beyond the snapshot; compaction runs when it reaches the threshold. */
  private storedUpdates = 0
  /** Id of the newest stored update applied to `doc`: the doc holds everything up to it. */
  private throughId = 0
  private tail: Promise<void> = Promise.resolve()
  private pendingAwareness = new Set<number>()
  private awarenessTimer: NodeJS.Timeout | null = null
  /** When presence was last sent: a change within AWARENESS_FLUSH_MS of it waits for the window. */
  private lastAwarenessFlush = Number.NEGATIVE_INFINITY
  /** Set while the room is being unloaded; a new connection waits for it, then loads afresh. */
  unloading: Promise<void> | null = null
  /** Each Yjs client id of the document and the user it belongs to. */
  private clientOwners = new Map<number, string>()
  /** Watches that nothing changes the live doc except stored updates. */
  private readonly guard: StoredStateGuard
  /** Ids of the log rows the room was loaded with, and when its snapshot was written (fan-out). */
  loadedIds: readonly number[] = []
  loadedSnapshotAt = 0

  private constructor(
    readonly name: string,
    private readonly options: RoomOptions,
  ) {
    // The server's own awareness state would show up as a phantom user.
    this.awareness.setLocalState(null)
    this.ydoc.on('update', this.broadcastUpdate)
    this.awareness.on('update', this.collectAwareness)
    this.guard = new StoredStateGuard(this.ydoc, options.guardStoredState ?? false, (detail) =>
      options.onInvariantViolated?.(name, detail),
    )
  }

  static async load(name: string, options: RoomOptions): Promise<Room> {
    const room = new Room(name, options)
    const stored = await options.store.load(name)
    room.guard.loaded(stored)
    if (options.recordAuthorship) room.clientOwners = await options.store.clientOwners(name)
    if (stored.snapshot || stored.updates.length > 0) room.stored = { doc: stored, merged: null }
    room.storedUpdates = stored.updates.length
    room.throughId = stored.throughId
    room.loadedIds = stored.ids ?? []
    room.loadedSnapshotAt = stored.snapshotAt ?? 0
    return room
  }

  /** The live document, holding everything stored (built from storage on first use). */
  get doc(): Y.Doc {
    const pending = this.stored
    if (pending) {
      this.stored = null
      this.guard.applyingStored(() =>
        applyStoredDoc(
          this.ydoc,
          pending.doc,
          (index, error) =>
            this.options.logger.error(
              { doc: this.name, row: index, err: error },
              'skipped a stored update that does not apply',
            ),
          FROM_STORAGE,
        ),
      )
      const stateVector = encodeSyncStep1(Y.encodeStateVector(this.ydoc))
      for (const conn of this.awaitingStep1) conn.send(stateVector)
      this.awaitingStep1.clear()
    }
    return this.ydoc
  }

  /** The stored state as one update, while the live doc is not built yet. */
  private storedState(): Uint8Array | null {
    const pending = this.stored
    if (!pending) return null
    const { snapshot, updates } = pending.doc
    try {
      pending.merged ??=
        snapshot && updates.length === 0
          ? snapshot
          : Y.mergeUpdates(snapshot ? [snapshot, ...updates] : updates)
      return pending.merged
    } catch {
      // A damaged row: build the live doc now instead, which skips and reports it.
      void this.doc
      return null
    }
  }

  /** Runs `task` after every task queued before it; failures are the task's own business. */
  enqueue(task: () => Promise<void> | void): Promise<void> {
    const run = this.tail.then(task)
    this.tail = run.catch(() => {})
    if (this.guard.mirrored) void this.tail.then(() => this.checkStoredState('after a turn of the queue'))
    return run
  }

  /**
   * Runs `read` on the live doc (PageDocs.read): a reader must not change it, and in guarded mode
   * the doc is compared with storage right after.
   */
  read<T>(read: (doc: Y.Doc) => T): T {
    const result = read(this.doc)
    this.checkStoredState('after a read')
    return result
  }

  private checkStoredState(when: string): void {
    if (!this.stored) this.guard.check(when)
  }

  /** Resolves once everything queued so far has run. */
  drain(): Promise<void> {
    return this.enqueue(() => {})
  }

  join(conn: Connection): void {
    this.connections.add(conn)
    // Ask for what the client has that we lack; it answers with step 2, handled as an update.
    // Before the live doc is built, asking waits for it: the client's own request comes first.
    if (this.stored) {
      this.awaitingStep1.add(conn)
      // Whatever the client asks first, the doc is built soon: its step 1 must not wait forever.
      setTimeout(() => void this.enqueue(() => void this.doc), BUILD_AFTER_JOIN_MS).unref()
    } else conn.send(encodeSyncStep1(Y.encodeStateVector(this.ydoc)))
    const present = [...this.awareness.getStates().keys()]
    if (present.length > 0) conn.send(encodeAwareness(this.awareness, present))
  }

  leave(conn: Connection): void {
    this.awaitingStep1.delete(conn)
    if (!this.connections.delete(conn)) return
    if (conn.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessClients], null)
    }
  }

  /** Handles one parsed message from `conn`; throws MalformedMessage for content that does not decode. */
  async handle(conn: Connection, message: IncomingMessage): Promise<void> {
    switch (message.kind) {
      case 'sync-step-1': {
        const stored = this.storedState()
        if (stored && isEmptyStateVector(message.stateVector)) {
          // Build the live doc once the reply is on its way: building blocks the event loop, and
          // a large reply still waiting in the socket's buffer would wait for it.
          conn.send(encodeSyncStep2(stored), () => setImmediate(() => void this.enqueue(() => void this.doc)))
          return
        }
        let reply: Uint8Array
        try {
          reply = Y.encodeStateAsUpdate(this.doc, message.stateVector)
        } catch (error) {
          throw new MalformedMessage(`state vector does not decode: ${String(error)}`)
        }
        conn.send(encodeSyncStep2(reply))
        return
      }
      case 'update':
        return this.acceptUpdate(conn, message.update)
      case 'awareness':
        try {
          // Stock clients send back every presence change they receive: most updates are echoes
          // of states we hold already. Skip those before parsing any state's JSON.
          if (!hasNewerState(this.awareness, message.update)) return
          const update = conn.principal.hideSelection ? withoutSelection(message.update) : message.update
          awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn)
        } catch (error) {
          throw new MalformedMessage(`awareness update does not decode: ${String(error)}`)
        }
        return
      case 'query-awareness':
        conn.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]))
        return
      case 'auth':
        return
    }
  }

  private async acceptUpdate(conn: Connection, update: Uint8Array): Promise<void> {
    if (!conn.canWrite) {
      this.options.metrics.droppedUpdates.inc()
      return
    }
    return this.storeAndApply(update, conn, conn.principal)
  }

  /**
   * A change made by the server itself (PageDocs.write): the same path as a client's update,
   * credited to `author` when a person asked for it (a restore). Queue it.
   */
  acceptServerUpdate(update: Uint8Array, author?: ServerWriteAuthor): Promise<void> {
    const principal = author ? { ...SERVER_PRINCIPAL, userId: author.userId } : SERVER_PRINCIPAL
    return this.storeAndApply(update, FROM_SERVER, principal, author?.via ?? null)
  }

  /**
   * The only way a change reaches the live document: stored first, then applied (and so
   * broadcast to every connection but `origin`). Run it from the room's queue.
   */
  private async storeAndApply(
    update: Uint8Array,
    origin: unknown,
    principal: Principal,
    via: string | null = null,
  ): Promise<void> {
    let decoded: ReturnType<typeof Y.decodeUpdate>
    try {
      decoded = Y.decodeUpdate(update)
    } catch (error) {
      throw new MalformedMessage(`update does not decode: ${String(error)}`)
    }
    // y-websocket clients answer every sync step 1 with an update, often empty: nothing to store.
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return
    // Throws ClientIdTaken before anything is stored.
    const authorship = this.options.recordAuthorship
      ? updateAuthorship(this.doc, decoded, this.clientOwners, principal.userId, via)
      : undefined
    const started = process.hrtime.bigint()
    let id: number
    try {
      id = await this.options.store.append(this.name, update, authorship)
    } catch (error) {
      // Not stored, so not applied nor broadcast: the client keeps it and sends it again later.
      if (isStorageFull(error)) throw new StorageFull(String(error))
      throw error
    }
    // Committed: the other instances may have it now (before it is applied here, to save time).
    this.options.fanout?.stored(this.name, id, update)
    for (const client of authorship?.newClients ?? []) this.clientOwners.set(client, principal.userId)
    this.options.metrics.appendSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9)
    this.options.metrics.updates.inc()
    this.storedUpdates += 1
    this.throughId = id
    this.guard.stored(update)
    const doc = this.doc
    this.guard.applyingStored(() => Y.applyUpdate(doc, update, origin))
    try {
      this.options.onDocUpdated?.(this.name, principal)
    } catch (error) {
      this.options.logger.error({ doc: this.name, err: error }, 'onDocUpdated failed')
    }
    // Inline, within this update's turn of the queue: no append of this document interleaves,
    // and the log never grows past the threshold however fast updates arrive.
    if (this.storedUpdates >= this.options.compactThreshold) await this.compact()
  }

  /**
   * Updates another instance committed (or rows read back from storage by a repair): stored
   * already, so applied at once, in the room's queue, and broadcast to every local connection.
   */
  applyRemote(updates: Uint8Array[]): Promise<void> {
    return this.enqueue(() => {
      const doc = this.doc
      for (const update of updates) {
        this.guard.stored(update)
        try {
          this.guard.applyingStored(() => Y.applyUpdate(doc, update, FROM_REMOTE))
        } catch (error) {
          this.options.logger.error(
            { doc: this.name, err: error },
            'skipped a remote update that does not apply',
          )
        }
      }
      this.storedUpdates += updates.length
      if (this.recordAuthorship && updates.some((u) => this.hasUnknownClient(u)))
        void this.refreshClientOwners()
    })
  }

  private get recordAuthorship(): boolean {
    return this.options.recordAuthorship ?? false
  }

  /** Whether an update carries items of a client id this room has not bound to a user yet. */
  private hasUnknownClient(update: Uint8Array): boolean {
    try {
      for (const client of Y.parseUpdateMeta(update).from.keys())
        if (!this.clientOwners.has(client)) return true
    } catch {}
    return false
  }

  /** Client ids other instances bound to their users: this room must not bind them again. */
  private async refreshClientOwners(): Promise<void> {
    try {
      const owners = await this.options.store.clientOwners(this.name)
      for (const [client, user] of owners)
        if (!this.clientOwners.has(client)) this.clientOwners.set(client, user)
    } catch (error) {
      this.options.logger.warn({ doc: this.name, err: error }, 'could not read client owners')
    }
  }

  /** Another instance compacted the log: it holds `rows` rows now (the compaction threshold counts them). */
  logCompacted(rows: number): void {
    void this.enqueue(() => {
      this.storedUpdates = rows
    })
  }

  /** Presence changes of another instance's clients; returns the client ids it names. */
  applyRemoteAwareness(update: Uint8Array): number[] {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_REMOTE)
    return awarenessClientIds(update)
  }

  /** Removes presence states (the clients of an instance that stopped), telling local clients. */
  removeAwareness(clientIds: number[]): void {
    const present = clientIds.filter((id) => this.awareness.states.has(id))
    if (present.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, present, FROM_REMOTE)
  }

  /**
   * Replaces the stored log by a snapshot of the in-memory document, which holds exactly the
   * stored state (every update is stored before it is applied) with deleted content already
   * garbage-collected, so no rebuild is needed. Call it only from the room's queue (or once the
   * queue has drained). Errors are logged, not thrown: the log stays and is retried later.
   */
  async compact(): Promise<void> {
    if (this.storedUpdates === 0) return
    try {
      const removed = await this.options.store.compact(
        this.name,
        Y.encodeStateAsUpdate(this.doc),
        this.throughId,
      )
      // Other instances append to the same log: count what is left rather than subtract.
      this.storedUpdates = this.options.fanout
        ? await this.options.store.countUpdates(this.name)
        : Math.max(0, this.storedUpdates - removed)
      this.options.metrics.compactions.inc()
    } catch (error) {
      this.options.logger.error({ doc: this.name, err: error }, 'compaction failed; updates stay in the log')
    }
  }

  private readonly broadcastUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.connections.size === 0 || origin === FROM_STORAGE) return
    const message = encodeUpdate(update)
    for (const conn of this.connections) {
      if (conn !== origin) conn.send(message)
    }
  }

  /**
   * Presence changes go out at once in a quiet room, and are batched in a busy one: a change
   * within AWARENESS_FLUSH_MS of the last send waits for the end of that window, so many cursors
   * moving at once cost one encode and one send per client per window instead of one per change.
   */
  private readonly collectAwareness = (change: AwarenessChange, origin: unknown): void => {
    const owner = origin instanceof Connection ? origin : null
    for (const id of change.added) {
      owner?.awarenessClients.add(id)
      this.pendingAwareness.add(id)
    }
    for (const id of change.updated) this.pendingAwareness.add(id)
    for (const id of change.removed) {
      owner?.awarenessClients.delete(id)
      this.pendingAwareness.add(id)
    }
    if (origin !== FROM_REMOTE && this.options.fanout) {
      const changed = [...change.added, ...change.updated, ...change.removed]
      if (changed.length > 0)
        this.options.fanout.awareness(
          this.name,
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
        )
    }
    if (this.awarenessTimer !== null || this.pendingAwareness.size === 0) return
    const wait = this.lastAwarenessFlush + this.options.awarenessFlushMs - performance.now()
    if (wait <= 0) this.flushAwareness()
    else this.awarenessTimer = setTimeout(this.flushAwareness, wait)
  }

  private readonly flushAwareness = (): void => {
    this.awarenessTimer = null
    this.lastAwarenessFlush = performance.now()
    const clients = [...this.pendingAwareness]
    this.pendingAwareness.clear()
    if (clients.length === 0 || this.connections.size === 0) return
    const message = encodeAwareness(this.awareness, clients)
    for (const conn of this.connections) conn.send(message)
  }

  /** Closes every connection with `code` (used at shutdown and when access is revoked). */
  closeAll(code: number = CloseCode.goingAway, reason = 'server shutting down'): void {
    for (const conn of this.connections) conn.close(code, reason)
  }

  destroy(): void {
    this.stored = null
    this.awaitingStep1.clear()
    this.awareness.off('update', this.collectAwareness)
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer)
    this.awareness.destroy()
    this.guard.destroy()
    this.ydoc.destroy()
  }
}

/** A client with nothing yet sends an empty state vector: it wants the whole document. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  try {
    return Y.decodeStateVector(stateVector).size === 0
  } catch (error) {
    throw new MalformedMessage(`state vector does not decode: ${String(error)}`)
  }
}

/**
 * The same awareness update with each state's editor selection (`cursor`, y-prosemirror's field)
 * taken out: the client is present, its name and colour shown, but not where it selects.
 */
export function withoutSelection(update: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(update)
  const encoder = encoding.createEncoder()
  const count = decoding.readVarUint(decoder)
  encoding.writeVarUint(encoder, count)
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder))
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder))
    const state = decoding.readVarString(decoder)
    const parsed = JSON.parse(state) as Record<string, unknown> | null
    if (parsed && typeof parsed === 'object' && 'cursor' in parsed) {
      delete parsed.cursor
      encoding.writeVarString(encoder, JSON.stringify(parsed))
    } else encoding.writeVarString(encoder, state)
  }
  return encoding.toUint8Array(encoder)
}

/** The client ids an awareness update names. */
function awarenessClientIds(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder))
    decoding.readVarUint(decoder)
    decoding.readVarString(decoder)
  }
  return ids
}

/**
 * Whether an awareness update carries any state newer than what `awareness` holds, by the same
 * rule as y-protocols' applyAwarenessUpdate (a higher clock, or a removal at the same clock),
 * reading only client ids and clocks. Throws on bytes that do not decode.
 */
function hasNewerState(awareness: awarenessProtocol.Awareness, update: Uint8Array): boolean {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state = decoding.readVarString(decoder)
    const known = awareness.meta.get(clientID)?.clock ?? 0
    if (clock > known) return true
    if (clock === known && state === 'null' && awareness.states.has(clientID)) return true
  }
  return false
}
