/**
 * Page updates and presence between instances: Redis pub/sub for speed, PostgreSQL for truth.
 *
 * An update is committed in PostgreSQL, then published on the page's channel
 * (`<prefix>:doc:<page>`) to the instances that have the page loaded (each subscribes while the
 * room is loaded). Pub/sub delivers at most once, so each instance also knows which log rows its
 * live document holds (`known`) and repairs from PostgreSQL by update id:
 * - right after subscribing (rows committed between the load and the subscription);
 * - when a publisher's sequence number jumps (a message lost on the way);
 * - when the subscription comes back after Redis was away (everything published meanwhile);
 * - every REPAIR_MS anyway (an update committed by an instance that died before publishing it,
 *   or a publish that failed while only that instance's connection was down).
 * A repair lists the page's row ids (cheap: the log is kept short by compaction), fetches the rows
 * it lacks, and the snapshot when another instance compacted rows it had not seen. Yjs updates
 * are idempotent, so applying a row twice is harmless; missing one is what must never last.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from '../ops/logger.ts'
import type { Fanout, FanoutRoom, LogReader } from '../sync/fanout.ts'
import type { RedisCluster } from './redis-cluster.ts'

const UPDATE = 0
const AWARENESS = 1

interface Followed {
  room: FanoutRoom
  /** Log rows the live document holds. */
  known: Set<number>
  /** The snapshot's updated_at when last looked at. */
  snapshotAt: number
  /** Last sequence number seen from each publishing instance. */
  seqOf: Map<string, number>
  /** Presence client ids announced by each other instance. */
  presenceOf: Map<string, Set<number>>
  repairing: Promise<void> | null
  repairAgain: boolean
}

export class RedisFanout implements Fanout {
  private readonly followed = new Map<string, Followed>()
  private readonly seq = new Map<string, number>()
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly cluster: RedisCluster,
    private readonly log: LogReader,
    private readonly logger: Logger,
    repairMs: number,
  ) {
    cluster.onReconnect(() => this.repairAll())
    cluster.onPeerDead((instance) => this.peerDead(instance))
    this.timer = setInterval(() => this.repairAll(), repairMs)
    this.timer.unref()
  }

  private channel(docName: string): string {
    return `${this.cluster.prefix}:doc:${docName}`
  }

  stored(docName: string, id: number, update: Uint8Array): void {
    this.followed.get(docName)?.known.add(id)
    const seq = (this.seq.get(docName) ?? 0) + 1
    this.seq.set(docName, seq)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, UPDATE)
    encoding.writeVarString(encoder, this.cluster.instance)
    encoding.writeVarUint(encoder, seq)
    encoding.writeVarUint(encoder, id)
    encoding.writeVarUint8Array(encoder, update)
    this.cluster.publish(this.channel(docName), Buffer.from(encoding.toUint8Array(encoder)))
  }

  awareness(docName: string, update: Uint8Array): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, AWARENESS)
    encoding.writeVarString(encoder, this.cluster.instance)
    encoding.writeVarUint8Array(encoder, update)
    this.cluster.publish(this.channel(docName), Buffer.from(encoding.toUint8Array(encoder)))
  }

  async opened(room: FanoutRoom): Promise<void> {
    const followed: Followed = {
      room,
      known: new Set(room.loadedIds),
      snapshotAt: room.loadedSnapshotAt,
      seqOf: new Map(),
      presenceOf: new Map(),
      repairing: null,
      repairAgain: false,
    }
    this.followed.set(room.name, followed)
    // While Redis is away the subscription waits for it (then the reconnection repairs); the page
    // is served from this instance meanwhile.
    const listening = this.cluster
      .listen(this.channel(room.name), (message) => this.receive(room.name, message))
      .then(
        () => this.repair(followed),
        (error: unknown) =>
          this.logger.warn({ doc: room.name, err: error }, 'could not follow the page in redis'),
      )
    await Promise.race([listening, this.repair(followed)])
  }

  closed(docName: string): void {
    this.followed.delete(docName)
    this.seq.delete(docName)
    this.cluster.unlisten(this.channel(docName))
  }

  private receive(docName: string, message: Buffer): void {
    const followed = this.followed.get(docName)
    if (!followed) return
    let kind: number
    let from: string
    try {
      const decoder = decoding.createDecoder(message)
      kind = decoding.readVarUint(decoder)
      from = decoding.readVarString(decoder)
      if (from === this.cluster.instance) return
      if (kind === UPDATE) {
        const seq = decoding.readVarUint(decoder)
        const id = decoding.readVarUint(decoder)
        const update = decoding.readVarUint8Array(decoder)
        const last = followed.seqOf.get(from)
        followed.seqOf.set(from, seq)
        if (last !== undefined && seq > last + 1) void this.repair(followed)
        if (followed.known.has(id)) return
        followed.known.add(id)
        void followed.room.applyRemote([update]).catch((error: unknown) => {
          followed.known.delete(id)
          this.logger.error({ doc: docName, err: error }, 'remote update not applied')
        })
      } else if (kind === AWARENESS) {
        const clients = followed.room.applyRemoteAwareness(decoding.readVarUint8Array(decoder))
        const mine = followed.presenceOf.get(from) ?? new Set<number>()
        followed.presenceOf.set(from, mine)
        for (const client of clients) mine.add(client)
      }
    } catch (error) {
      this.logger.warn({ doc: docName, err: error }, 'ignored a fan-out message that does not decode')
    }
  }

  private repairAll(): void {
    for (const followed of this.followed.values()) void this.repair(followed)
  }

  /** Fetches from PostgreSQL the rows (and snapshot) the live document lacks; one at a time per page. */
  private repair(followed: Followed): Promise<void> {
    if (followed.repairing) {
      followed.repairAgain = true
      return followed.repairing
    }
    followed.repairing = (async () => {
      try {
        do {
          followed.repairAgain = false
          await this.repairOnce(followed)
        } while (followed.repairAgain && this.followed.get(followed.room.name) === followed)
      } catch (error) {
        this.logger.warn(
          { doc: followed.room.name, err: error },
          'repair from the database failed; retried later',
        )
      } finally {
        followed.repairing = null
      }
    })()
    return followed.repairing
  }

  private async repairOnce(followed: Followed): Promise<void> {
    const name = followed.room.name
    const { ids, snapshotAt } = await this.log.logState(name)
    const listed = new Set(ids)
    const highest = ids.reduce((max, id) => Math.max(max, id), 0)
    // Rows gone from the log below the highest listed were compacted into the snapshot.
    for (const id of followed.known) if (id <= highest && !listed.has(id)) followed.known.delete(id)
    const missing = ids.filter((id) => !followed.known.has(id))
    const snapshotChanged = snapshotAt !== followed.snapshotAt
    followed.snapshotAt = snapshotAt
    if (snapshotChanged) followed.room.logCompacted(ids.length)
    if (missing.length === 0 && !snapshotChanged) return
    const { snapshot, updates } = await this.log.rows(name, missing, snapshotChanged)
    if (this.followed.get(name) !== followed) return
    const batch = snapshot ? [snapshot, ...updates.map((u) => u.data)] : updates.map((u) => u.data)
    if (batch.length === 0) return
    for (const u of updates) followed.known.add(u.id)
    await followed.room.applyRemote(batch)
    this.logger.debug(
      { doc: name, rows: updates.length, snapshot: snapshot !== null },
      'repaired from the database',
    )
  }

  private peerDead(instance: string): void {
    for (const followed of this.followed.values()) {
      const clients = followed.presenceOf.get(instance)
      followed.presenceOf.delete(instance)
      followed.seqOf.delete(instance)
      if (clients && clients.size > 0) followed.room.removeAwareness([...clients])
    }
  }

  close(): void {
    clearInterval(this.timer)
  }
}
