/**
 * Where page bodies are kept: an append-only log of Yjs updates per document plus one snapshot.
 * SQLite implements it now; a PostgreSQL implementation satisfies the same contract.
 */
export interface StoredDoc {
  /** The compacted state, or null for a document never compacted. */
  snapshot: Uint8Array | null
  /** Updates appended since the snapshot, oldest first. */
  updates: Uint8Array[]
}

export interface DocStore {
  /** Everything needed to rebuild a document. */
  load(docName: string): Promise<StoredDoc>
  /** Appends one update durably; resolves once it is committed. */
  append(docName: string, update: Uint8Array): Promise<void>
  /**
   * Folds the snapshot and every appended update into a new snapshot, in one transaction.
   * Resolves to the number of update rows removed.
   */
  compact(docName: string): Promise<number>
  /** How many appended updates the document has beyond its snapshot. */
  countUpdates(docName: string): Promise<number>
}
