/**
 * The embedded SQLite database: one file under DATA_DIR, WAL mode, migrated at open.
 * Kysely runs the schema and the relational queries; the document log (doc-store-sqlite.ts)
 * uses the same connection through prepared statements because it is the sync loop's hot path.
 */
import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { Migrator } from 'kysely/migration'
import { migrationProvider } from './migrations/index.ts'
import type { Database } from './schema.ts'
import { withStatementCache } from './statement-cache.ts'

export interface SqliteHandle {
  raw: BetterSqlite3.Database
  db: Kysely<Database>
  close(): Promise<void>
}

export async function openSqlite(
  dataDir: string,
  synchronous: 'NORMAL' | 'FULL' = 'NORMAL',
): Promise<SqliteHandle> {
  fs.mkdirSync(dataDir, { recursive: true })
  const raw = new BetterSqlite3(path.join(dataDir, 'tisserand.db'))
  raw.pragma('journal_mode = WAL')
  // In WAL mode NORMAL keeps every committed transaction across a process crash (kill -9);
  // only a power cut can lose the last ones. FULL closes that gap at the cost of an fsync per commit.
  raw.pragma(`synchronous = ${synchronous}`)
  raw.pragma('foreign_keys = ON')
  raw.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) })
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest()
  if (error) throw error
  return {
    raw,
    db,
    // Kysely's destroy closes the better-sqlite3 handle too.
    close: () => db.destroy(),
  }
}
