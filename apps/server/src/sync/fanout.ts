/**
 * Fan-out between instances (REDIS_URL): what a room tells the other instances, and what it is
 * told by them. One instance alone has no fan-out (the option is absent). The Redis
 * implementation and the reasons for its design are in fanout-redis.ts and docs/scale-out.md.
 */

/** What the fan-out needs of a loaded room. */
export interface FanoutRoom {
  readonly name: string
  /** Ids of the log rows the room was loaded with. */
  readonly loadedIds: readonly number[]
  /** When the snapshot it was loaded with was written (0: none). */
  readonly loadedSnapshotAt: number
  /** Applies updates already committed by another instance (queued; broadcast to local clients). */
  applyRemote(updates: Uint8Array[]): Promise<void>
  /** Another instance compacted the page's log, which holds `rows` rows now. */
  logCompacted(rows: number): void
  /** Applies another instance's presence changes (broadcast to local clients, never sent back). */
  applyRemoteAwareness(update: Uint8Array): number[]
  /** Removes presence states (clients of an instance that stopped). */
  removeAwareness(clientIds: number[]): void
}

export interface Fanout {
  /** An update was committed (id `id`): tell the instances that have the page loaded. */
  stored(docName: string, id: number, update: Uint8Array): void
  /** Local clients' presence changed. */
  awareness(docName: string, update: Uint8Array): void
  /** A room was loaded: follow its page; resolves once caught up with what was missed meanwhile. */
  opened(room: FanoutRoom): Promise<void>
  /** A room was unloaded. */
  closed(docName: string): void
}

/** Reads the PostgreSQL log for repairs (PostgresDocStore implements it). */
export interface LogReader {
  logState(docName: string): Promise<{ ids: number[]; snapshotAt: number }>
  rows(
    docName: string,
    ids: number[],
    withSnapshot: boolean,
  ): Promise<{ snapshot: Uint8Array | null; updates: { id: number; data: Uint8Array }[] }>
}
