import type BetterSqlite3 from 'better-sqlite3'
import type { DocStore, StoredDoc } from './doc-store.ts'

interface UpdateRow {
  id: number
  data: Uint8Array
}

/** SQLite document log. Statements are prepared once: append runs for every keystroke. */
export class SqliteDocStore implements DocStore {
  private readonly insertUpdate: BetterSqlite3.Statement<[string, Uint8Array, number]>
  private readonly selectUpdates: BetterSqlite3.Statement<[string], UpdateRow>
  private readonly selectSnapshot: BetterSqlite3.Statement<[string], { data: Uint8Array }>
  private readonly countRows: BetterSqlite3.Statement<[string], { n: number }>
  private readonly compactTx: (docName: string, snapshot: Uint8Array, throughId: number) => number
  private readonly removeTx: (docNames: string[]) => void

  constructor(raw: BetterSqlite3.Database) {
    this.insertUpdate = raw.prepare('INSERT INTO doc_update (doc_name, data, created_at) VALUES (?, ?, ?)')
    this.selectUpdates = raw.prepare('SELECT id, data FROM doc_update WHERE doc_name = ? ORDER BY id')
    this.selectSnapshot = raw.prepare('SELECT data FROM doc_snapshot WHERE doc_name = ?')
    this.countRows = raw.prepare('SELECT count(*) AS n FROM doc_update WHERE doc_name = ?')
    const upsertSnapshot = raw.prepare(
      `INSERT INTO doc_snapshot (doc_name, data, merged_through, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data,
         merged_through = excluded.merged_through, updated_at = excluded.updated_at`,
    )
    const deleteThrough = raw.prepare('DELETE FROM doc_update WHERE doc_name = ? AND id <= ?')
    this.compactTx = raw.transaction((docName: string, snapshot: Uint8Array, throughId: number) => {
      upsertSnapshot.run(docName, snapshot, throughId, Date.now())
      return deleteThrough.run(docName, throughId).changes
    })
    const deleteUpdates = raw.prepare('DELETE FROM doc_update WHERE doc_name = ?')
    const deleteSnapshot = raw.prepare('DELETE FROM doc_snapshot WHERE doc_name = ?')
    this.removeTx = raw.transaction((docNames: string[]) => {
      for (const name of docNames) {
        deleteUpdates.run(name)
        deleteSnapshot.run(name)
      }
    })
  }

  async load(docName: string): Promise<StoredDoc> {
    const snapshot = this.selectSnapshot.get(docName)?.data ?? null
    const rows = this.selectUpdates.all(docName)
    return { snapshot, updates: rows.map((row) => row.data), throughId: rows.at(-1)?.id ?? 0 }
  }

  async append(docName: string, update: Uint8Array): Promise<number> {
    return Number(this.insertUpdate.run(docName, update, Date.now()).lastInsertRowid)
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
