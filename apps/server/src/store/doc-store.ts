/**
 * Where page bodies are kept: an append-only log of Yjs updates per document plus one snapshot.
 * SQLite implements it now; a PostgreSQL implementation satisfies the same contract.
 */
export interface StoredDoc {
  /** The compacted state, or null for a document never compacted. */
  snapshot: Uint8Array | null
  /** Updates appended since the snapshot, oldest first. */
  updates: Uint8Array[]
  /** Id of the newest update included (0 when there is none): what a later compaction may remove. */
  throughId: number
}

export interface DocStore {
  /** Everything needed to rebuild a document. */
  load(docName: string): Promise<StoredDoc>
  /** Appends one update durably; resolves to its id once it is committed. */
  append(docName: string, update: Uint8Array): Promise<number>
  /**
   * Stores `snapshot` as the document's state and removes the updates it covers (ids up to
   * `throughId`), in one transaction. Resolves to the number of update rows removed.
   */
  compact(docName: string, snapshot: Uint8Array, throughId: number): Promise<number>
  /** How many appended updates the document has beyond its snapshot. */
  countUpdates(docName: string): Promise<number>
  /** Deletes documents for good (snapshot and log), in one transaction. */
  remove(docNames: string[]): Promise<void>
}
