import type BetterSqlite3 from 'better-sqlite3'
import {
  type AuthorshipDbRow,
  allAuthorship,
  asAuthorshipRow,
  authorshipColumns,
  continues,
  foldedRuns,
  type PendingAuthorship,
} from './authorship-rows.ts'
import {
  type AuthorshipRow,
  type DocStore,
  isStorageFull,
  type StoredDoc,
  type UpdateAuthorship,
} from './doc-store.ts'

interface UpdateRow {
  id: number
  data: Uint8Array
}

interface PendingAppend {
  docName: string
  update: Uint8Array
  authorship: UpdateAuthorship | undefined
  resolve: (id: number) => void
  reject: (error: unknown) => void
}

/**
 * SQLite document log. Statements are prepared once: append runs for every keystroke.
 *
 * Group commit: the appends asked for during one turn of the event loop (every socket's messages
 * read in one poll phase) are committed in one transaction at the end of that turn, and each
 * append's promise resolves only once that transaction has committed, so an update is still
 * stored before anyone sees it. One COMMIT per turn instead of one per update is what lets the
 * rate grow with the load.
 */
export class SqliteDocStore implements DocStore {
  private readonly raw: BetterSqlite3.Database
  private readonly insertUpdate: BetterSqlite3.Statement<
    [string, Uint8Array, number, string | null, string | null]
  >
  private readonly appendAll: (batch: PendingAppend[]) => number[]
  private pending: PendingAppend[] = []
  private flushScheduled = false
  private readonly selectUpdates: BetterSqlite3.Statement<[string], UpdateRow>
  private readonly selectSnapshot: BetterSqlite3.Statement<[string], { data: Uint8Array }>
  private readonly selectClients: BetterSqlite3.Statement<[string], { client: number; user_id: string }>
  private readonly selectAuthorship: BetterSqlite3.Statement<[string], AuthorshipDbRow>
  private readonly selectPendingAuthorship: BetterSqlite3.Statement<[string], PendingAuthorship>
  private readonly countRows: BetterSqlite3.Statement<[string], { n: number }>
  private readonly compactTx: (docName: string, snapshot: Uint8Array, throughId: number) => number
  private readonly removeTx: (docNames: string[]) => void

  constructor(raw: BetterSqlite3.Database) {
    this.raw = raw
    // Who wrote the update travels on its own row (store/authorship-rows.ts): one row per commit.
    this.insertUpdate = raw.prepare(
      'INSERT INTO doc_update (doc_name, data, created_at, author_id, authorship) VALUES (?, ?, ?, ?, ?)',
    )
    const insertClient = raw.prepare(
      'INSERT OR IGNORE INTO doc_client (doc_name, client, user_id) VALUES (?, ?, ?)',
    )
    this.appendAll = raw.transaction((batch: PendingAppend[]) => {
      const now = Date.now()
      return batch.map(({ docName, update, authorship }) => {
        const columns = authorshipColumns(authorship)
        const id = Number(
          this.insertUpdate.run(docName, update, now, columns.author_id, columns.authorship).lastInsertRowid,
        )
        if (authorship)
          for (const client of authorship.newClients) insertClient.run(docName, client, authorship.userId)
        return id
      })
    })
    this.selectUpdates = raw.prepare('SELECT id, data FROM doc_update WHERE doc_name = ? ORDER BY id')
    this.selectSnapshot = raw.prepare('SELECT data FROM doc_snapshot WHERE doc_name = ?')
    this.selectClients = raw.prepare('SELECT client, user_id FROM doc_client WHERE doc_name = ?')
    this.selectAuthorship = raw.prepare(
      `SELECT id, kind, client, clock, length, user_id, via, at FROM doc_authorship
       WHERE doc_name = ? ORDER BY kind, client, clock`,
    )
    this.selectPendingAuthorship = raw.prepare(
      `SELECT author_id, authorship, created_at FROM doc_update
       WHERE doc_name = ? AND authorship IS NOT NULL ORDER BY id`,
    )
    this.countRows = raw.prepare('SELECT count(*) AS n FROM doc_update WHERE doc_name = ?')
    const upsertSnapshot = raw.prepare(
      `INSERT INTO doc_snapshot (doc_name, data, merged_through, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data,
         merged_through = excluded.merged_through, updated_at = excluded.updated_at`,
    )
    const deleteThrough = raw.prepare('DELETE FROM doc_update WHERE doc_name = ? AND id <= ?')
    const selectAuthoredThrough = raw.prepare<[string, number], PendingAuthorship>(
      `SELECT author_id, authorship, created_at FROM doc_update
       WHERE doc_name = ? AND id <= ? AND authorship IS NOT NULL ORDER BY id`,
    )
    const insertRange = raw.prepare(
      `INSERT INTO doc_authorship (doc_name, kind, client, clock, length, user_id, via, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const growRange = raw.prepare('UPDATE doc_authorship SET length = ?, at = ? WHERE id = ?')
    // The stored row a run may carry on: the last one of its kind and client before it.
    const selectPrevious = raw.prepare<[string, string, number, number], AuthorshipDbRow>(
      `SELECT id, kind, client, clock, length, user_id, via, at FROM doc_authorship
       WHERE doc_name = ? AND kind = ? AND client = ? AND clock < ? ORDER BY clock DESC LIMIT 1`,
    )
    this.compactTx = raw.transaction((docName: string, snapshot: Uint8Array, throughId: number) => {
      upsertSnapshot.run(docName, snapshot, throughId, Date.now())
      // The ranges of the rows about to go move to doc_authorship, folded into runs of one user.
      for (const run of foldedRuns(selectAuthoredThrough.all(docName, throughId))) {
        const previous = selectPrevious.get(docName, run.kind, run.client, run.clock)
        // The run says when it was last written: a version after that time has all of it.
        if (previous && continues(previous, run))
          growRange.run(previous.length + run.length, Math.max(previous.at, run.at), previous.id)
        else
          insertRange.run(docName, run.kind, run.client, run.clock, run.length, run.user_id, run.via, run.at)
      }
      return deleteThrough.run(docName, throughId).changes
    })
    const deleteUpdates = raw.prepare('DELETE FROM doc_update WHERE doc_name = ?')
    const deleteSnapshot = raw.prepare('DELETE FROM doc_snapshot WHERE doc_name = ?')
    const deleteAuthorship = raw.prepare('DELETE FROM doc_authorship WHERE doc_name = ?')
    const deleteClients = raw.prepare('DELETE FROM doc_client WHERE doc_name = ?')
    this.removeTx = raw.transaction((docNames: string[]) => {
      for (const name of docNames) {
        deleteUpdates.run(name)
        deleteSnapshot.run(name)
        deleteAuthorship.run(name)
        deleteClients.run(name)
      }
    })
  }

  async load(docName: string): Promise<StoredDoc> {
    this.flushPending()
    const snapshot = this.selectSnapshot.get(docName)?.data ?? null
    const rows = this.selectUpdates.all(docName)
    return { snapshot, updates: rows.map((row) => row.data), throughId: rows.at(-1)?.id ?? 0 }
  }

  append(docName: string, update: Uint8Array, authorship?: UpdateAuthorship): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ docName, update, authorship, resolve, reject })
      if (this.flushScheduled) return
      this.flushScheduled = true
      setImmediate(this.flushAtTurnEnd)
    })
  }

  private readonly flushAtTurnEnd = (): void => {
    this.flushScheduled = false
    // A Kysely transaction on the same connection is open across an await: our rows would
    // join it (better-sqlite3 nests as a savepoint) and go if it rolled back. Wait for it.
    if (this.raw.inTransaction) {
      this.flushScheduled = true
      setImmediate(this.flushAtTurnEnd)
      return
    }
    this.flushPending()
  }

  /**
   * Commits every pending append now (reads call it so they see what was asked before them);
   * each promise settles with its own outcome. Not inside another open transaction (see above).
   */
  private flushPending(): void {
    if (this.pending.length === 0 || this.raw.inTransaction) return
    const batch = this.pending
    this.pending = []
    try {
      const ids = this.appendAll(batch)
      for (const [i, append] of batch.entries()) append.resolve(ids[i] as number)
    } catch (error) {
      // A full disk refuses them all; any other failure is one update's: commit the rest alone.
      if (batch.length === 1 || isStorageFull(error)) {
        for (const append of batch) append.reject(error)
        return
      }
      for (const append of batch) {
        try {
          append.resolve(this.appendAll([append])[0] as number)
        } catch (single) {
          append.reject(single)
        }
      }
    }
  }

  async clientOwners(docName: string): Promise<Map<number, string>> {
    this.flushPending()
    return new Map(this.selectClients.all(docName).map((row) => [row.client, row.user_id]))
  }

  async authorship(docName: string): Promise<AuthorshipRow[]> {
    this.flushPending()
    const folded = this.selectAuthorship.all(docName)
    return allAuthorship(folded, this.selectPendingAuthorship.all(docName)).map(asAuthorshipRow)
  }

  async compact(docName: string, snapshot: Uint8Array, throughId: number): Promise<number> {
    this.flushPending()
    return this.compactTx(docName, snapshot, throughId)
  }

  async countUpdates(docName: string): Promise<number> {
    this.flushPending()
    return this.countRows.get(docName)?.n ?? 0
  }

  async remove(docNames: string[]): Promise<void> {
    this.flushPending()
    // Still waiting (another transaction is open): those rows must not outlive their document.
    const removed = new Set(docNames)
    for (const append of this.pending.filter((a) => removed.has(a.docName)))
      append.reject(new Error(`document ${append.docName} was removed`))
    this.pending = this.pending.filter((a) => !removed.has(a.docName))
    this.removeTx(docNames)
  }
}
