/**
 * Where page bodies are kept: an append-only log of Yjs updates per document plus one snapshot.
 * SqliteDocStore and PostgresDocStore implement it.
 */
/** Storage refused a write because the disk (or the database's quota) is full. */
export class StorageFull extends Error {}

/** Whether an error from the storage engine means "no space left". */
export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100'
}

export interface StoredDoc {
  /** The compacted state, or null for a document never compacted. */
  snapshot: Uint8Array | null
  /** Updates appended since the snapshot, oldest first. */
  updates: Uint8Array[]
  /** Id of the newest update included (0 when there is none): what a later compaction may remove. */
  throughId: number
  /**
   * The id of each row of `updates`, when the store gives them (PostgreSQL: the fan-out between
   * instances tracks which rows a live document holds).
   */
  ids?: number[]
  /** When the snapshot was last written (PostgreSQL; 0 without one): tells a later compaction. */
  snapshotAt?: number
}

/** A run of Yjs items of one client: clocks `clock` to `clock + length - 1`. */
export interface ItemRange {
  client: number
  clock: number
  length: number
}

/** Who an update's content comes from, stored with the update in the same transaction. */
export interface UpdateAuthorship {
  userId: string
  /** How it came, when not typed: `restore:<versionId>`. */
  via?: string | null
  /** Items the update adds that the document did not have. */
  inserted: ItemRange[]
  /** Items the update deletes that were visible. */
  deleted: ItemRange[]
  /** Client ids seen for the first time: bound to `userId` from now on. */
  newClients: number[]
}

export interface AuthorshipRow extends ItemRange {
  kind: 'insert' | 'delete'
  userId: string
  via: string | null
  at: number
}

export interface DocStore {
  /** Everything needed to rebuild a document. */
  load(docName: string): Promise<StoredDoc>
  /** Appends one update durably (with who wrote it, when given); resolves to its id once committed. */
  append(docName: string, update: Uint8Array, authorship?: UpdateAuthorship): Promise<number>
  /** Each client id of the document and the user it is bound to. */
  clientOwners(docName: string): Promise<Map<number, string>>
  /** Every authorship range of the document, by client then clock. */
  authorship(docName: string): Promise<AuthorshipRow[]>
  /**
   * Stores `snapshot` as the document's state and removes the updates it covers (ids up to
   * `throughId`), in one transaction. Resolves to the number of update rows removed.
   */
  compact(docName: string, snapshot: Uint8Array, throughId: number): Promise<number>
  /** How many appended updates the document has beyond its snapshot. */
  countUpdates(docName: string): Promise<number>
  /** Deletes documents for good (snapshot, log and authorship), in one transaction. */
  remove(docNames: string[]): Promise<void>
}
