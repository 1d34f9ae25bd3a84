import type BetterSqlite3 from 'better-sqlite3'
import type { AuthorshipRow, DocStore, StoredDoc, UpdateAuthorship } from './doc-store.ts'

interface UpdateRow {
  id: number
  data: Uint8Array
}

interface AuthorshipDbRow {
  id: number
  kind: 'insert' | 'delete'
  client: number
  clock: number
  length: number
  user_id: string
  via: string | null
  at: number
}

/** Consecutive ranges of one user, closer in time than this, become one row at compaction. */
const MERGE_WITHIN_MS = 10 * 60 * 1000

/** SQLite document log. Statements are prepared once: append runs for every keystroke. */
export class SqliteDocStore implements DocStore {
  private readonly insertUpdate: BetterSqlite3.Statement<[string, Uint8Array, number]>
  private readonly appendAuthoredTx: (
    docName: string,
    update: Uint8Array,
    authorship: UpdateAuthorship,
  ) => number
  private readonly selectUpdates: BetterSqlite3.Statement<[string], UpdateRow>
  private readonly selectSnapshot: BetterSqlite3.Statement<[string], { data: Uint8Array }>
  private readonly selectClients: BetterSqlite3.Statement<[string], { client: number; user_id: string }>
  private readonly selectAuthorship: BetterSqlite3.Statement<[string], AuthorshipDbRow>
  private readonly countRows: BetterSqlite3.Statement<[string], { n: number }>
  private readonly compactTx: (docName: string, snapshot: Uint8Array, throughId: number) => number
  private readonly removeTx: (docNames: string[]) => void

  constructor(raw: BetterSqlite3.Database) {
    this.insertUpdate = raw.prepare('INSERT INTO doc_update (doc_name, data, created_at) VALUES (?, ?, ?)')
    const insertRange = raw.prepare(
      `INSERT INTO doc_authorship (doc_name, kind, client, clock, length, user_id, via, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const insertClient = raw.prepare(
      'INSERT OR IGNORE INTO doc_client (doc_name, client, user_id) VALUES (?, ?, ?)',
    )
    this.appendAuthoredTx = raw.transaction((docName: string, update: Uint8Array, a: UpdateAuthorship) => {
      const now = Date.now()
      const id = Number(this.insertUpdate.run(docName, update, now).lastInsertRowid)
      const via = a.via ?? null
      for (const r of a.inserted)
        insertRange.run(docName, 'insert', r.client, r.clock, r.length, a.userId, via, now)
      for (const r of a.deleted)
        insertRange.run(docName, 'delete', r.client, r.clock, r.length, a.userId, via, now)
      for (const client of a.newClients) insertClient.run(docName, client, a.userId)
      return id
    })
    this.selectUpdates = raw.prepare('SELECT id, data FROM doc_update WHERE doc_name = ? ORDER BY id')
    this.selectSnapshot = raw.prepare('SELECT data FROM doc_snapshot WHERE doc_name = ?')
    this.selectClients = raw.prepare('SELECT client, user_id FROM doc_client WHERE doc_name = ?')
    this.selectAuthorship = raw.prepare(
      `SELECT id, kind, client, clock, length, user_id, via, at FROM doc_authorship
       WHERE doc_name = ? ORDER BY kind, client, clock`,
    )
    this.countRows = raw.prepare('SELECT count(*) AS n FROM doc_update WHERE doc_name = ?')
    const upsertSnapshot = raw.prepare(
      `INSERT INTO doc_snapshot (doc_name, data, merged_through, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data,
         merged_through = excluded.merged_through, updated_at = excluded.updated_at`,
    )
    const deleteThrough = raw.prepare('DELETE FROM doc_update WHERE doc_name = ? AND id <= ?')
    const growRange = raw.prepare('UPDATE doc_authorship SET length = ?, at = ? WHERE id = ?')
    const deleteRange = raw.prepare('DELETE FROM doc_authorship WHERE id = ?')
    this.compactTx = raw.transaction((docName: string, snapshot: Uint8Array, throughId: number) => {
      upsertSnapshot.run(docName, snapshot, throughId, Date.now())
      // One row per keystroke is what typing leaves: fold runs of one user into one row.
      let previous: AuthorshipDbRow | null = null
      for (const row of this.selectAuthorship.all(docName)) {
        if (previous && continues(previous, row)) {
          // The run says when it was last written: a version after that time has all of it.
          previous.length += row.length
          previous.at = Math.max(previous.at, row.at)
          growRange.run(previous.length, previous.at, previous.id)
          deleteRange.run(row.id)
        } else previous = row
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
    const snapshot = this.selectSnapshot.get(docName)?.data ?? null
    const rows = this.selectUpdates.all(docName)
    return { snapshot, updates: rows.map((row) => row.data), throughId: rows.at(-1)?.id ?? 0 }
  }

  async append(docName: string, update: Uint8Array, authorship?: UpdateAuthorship): Promise<number> {
    if (!authorship) return Number(this.insertUpdate.run(docName, update, Date.now()).lastInsertRowid)
    return this.appendAuthoredTx(docName, update, authorship)
  }

  async clientOwners(docName: string): Promise<Map<number, string>> {
    return new Map(this.selectClients.all(docName).map((row) => [row.client, row.user_id]))
  }

  async authorship(docName: string): Promise<AuthorshipRow[]> {
    return this.selectAuthorship.all(docName).map((row) => ({
      kind: row.kind,
      client: row.client,
      clock: row.clock,
      length: row.length,
      userId: row.user_id,
      via: row.via,
      at: row.at,
    }))
  }

  async compact(docName: string, snapshot: Uint8Array, throughId: number): Promise<number> {
    return this.compactTx(docName, snapshot, throughId)
  }

  async countUpdates(docName: string): Promise<number> {
    return this.countRows.get(docName)?.n ?? 0
  }

  async remove(docNames: string[]): Promise<void> {
    this.removeTx(docNames)
  }
}

function continues(previous: AuthorshipDbRow, row: AuthorshipDbRow): boolean {
  return (
    previous.kind === row.kind &&
    previous.client === row.client &&
    previous.clock + previous.length === row.clock &&
    previous.user_id === row.user_id &&
    previous.via === row.via &&
    Math.abs(row.at - previous.at) <= MERGE_WITHIN_MS
  )
}
