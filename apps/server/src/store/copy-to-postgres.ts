/**
 * `tisserand migrate --from sqlite:FILE --to postgres://…`: copies a single-machine installation
 * into PostgreSQL, then checks the copy.
 *
 * - The SQLite file is opened read-only and must be at the current schema (start the server on it
 *   once after an upgrade); the PostgreSQL database is migrated with the same migrations.
 * - Every table is copied in one transaction, parents before children (foreign keys read from
 *   SQLite), rows in rowid order; serial counters are moved past the copied ids. The search index
 *   is rebuilt in `page_search` from the text SQLite's FTS5 table holds.
 * - Safe to re-run: a run replaces what an earlier run copied (nothing half-copied is ever
 *   committed), and refuses a database that holds anything else: data written there by running
 *   instances is never overwritten.
 * - Verified: row counts of every table, and every page body loaded from both stores (same
 *   document text and state vector).
 */
import BetterSqlite3 from 'better-sqlite3'
import type pg from 'pg'
import * as Y from 'yjs'
import { PostgresSearchIndex } from '../search/postgres-search-index.ts'
import { applyStoredDoc } from '../sync/doc-state.ts'
import { PostgresDocStore } from './doc-store-postgres.ts'
import { SqliteDocStore } from './doc-store-sqlite.ts'
import { migrationProvider } from './migrations/index.ts'
import { openPostgres } from './postgres.ts'

/** Tables of SQLite only (the FTS5 index and its rowids, Kysely's bookkeeping). */
const NOT_COPIED = /^(sqlite_|kysely_|page_fts|page_search_row$)/
const MARKER = 'tisserand_copied_from_sqlite'

export class CopyRefused extends Error {}

export interface CopyReport {
  tables: { table: string; rows: number }[]
  pages: number
  problems: string[]
}

interface ForeignKey {
  table: string
  from: string
  to: string
}

export async function copyToPostgres(
  sqliteFile: string,
  url: string,
  log: (line: string) => void,
): Promise<CopyReport> {
  const source = new BetterSqlite3(sqliteFile, { readonly: true, fileMustExist: true })
  const target = await openPostgres(url, 2)
  try {
    await checkSchema(source)
    const tables = orderedTables(source)
    const client = await target.pool.connect()
    const copied: { table: string; rows: number }[] = []
    try {
      await client.query('BEGIN')
      await checkTarget(client, tables)
      // Replace an earlier copy (or the system user the migrations insert), children first.
      await client.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} CASCADE`)
      for (const table of tables) {
        const rows = await copyTable(source, client, table)
        copied.push({ table, rows })
        log(`${table}: ${rows} rows`)
      }
      await resetSerials(client)
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${MARKER} (source text NOT NULL, copied_at bigint NOT NULL)`,
      )
      await client.query(`DELETE FROM ${MARKER}`)
      await client.query(`INSERT INTO ${MARKER} VALUES ($1, $2)`, [sqliteFile, Date.now()])
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
    await rebuildSearch(source, target.pool)
    log('search index rebuilt')
    const problems = await verifyCopy(source, target.pool, copied)
    const pages = copied.find((t) => t.table === 'page')?.rows ?? 0
    return { tables: copied, pages, problems }
  } finally {
    source.close()
    await target.close()
  }
}

async function checkSchema(source: BetterSqlite3.Database): Promise<void> {
  const known = Object.keys(await migrationProvider.getMigrations())
  let applied: string[] = []
  try {
    applied = source
      .prepare<[], { name: string }>('SELECT name FROM kysely_migration ORDER BY name')
      .all()
      .map((r) => r.name)
  } catch {
    throw new CopyRefused('the source is not a Tisserand database (no kysely_migration table)')
  }
  const missing = known.filter((name) => !applied.includes(name))
  if (missing.length > 0)
    throw new CopyRefused(
      `the source lacks migrations ${missing.join(', ')}: start this version of the server on it once, then copy`,
    )
}

/** Tables in an order where every foreign key points to a table copied earlier. */
function orderedTables(source: BetterSqlite3.Database): string[] {
  const names = source
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name)
    .filter((name) => !NOT_COPIED.test(name))
  const parents = new Map(names.map((name) => [name, foreignKeys(source, name).map((fk) => fk.table)]))
  const ordered: string[] = []
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return
    path.add(name)
    for (const parent of parents.get(name) ?? [])
      if (parent !== name && names.includes(parent)) visit(parent, path)
    ordered.push(name)
  }
  for (const name of names) visit(name, new Set())
  return ordered
}

function foreignKeys(source: BetterSqlite3.Database, table: string): ForeignKey[] {
  return source
    .prepare<[], ForeignKey>(`SELECT "table", "from", "to" FROM pragma_foreign_key_list('${table}')`)
    .all()
}

async function checkTarget(client: pg.PoolClient, tables: string[]): Promise<void> {
  const { rows } = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
  )
  const present = new Set(rows.map((r) => r.table_name))
  const absent = tables.filter((t) => !present.has(t))
  if (absent.length > 0) throw new CopyRefused(`the target lacks tables ${absent.join(', ')}`)
  const copiedBefore = present.has(MARKER)
    ? (await client.query<{ copied_at: number }>(`SELECT copied_at FROM ${MARKER}`)).rows[0]?.copied_at
    : undefined
  // Anything written after the last copy (or at all, without one) is the instances' own work.
  const since = copiedBefore ?? 0
  const { rows: written } = await client.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM doc_update WHERE created_at > $1)
          + (SELECT count(*) FROM doc_snapshot WHERE updated_at > $1)
          + (SELECT count(*) FROM "user" WHERE id <> 'system' AND created_at > $1)
          + (SELECT count(*) FROM workspace WHERE created_at > $1) AS n`,
    [since],
  )
  if ((written[0]?.n ?? 0) > 0)
    throw new CopyRefused(
      copiedBefore === undefined
        ? 'the target database already holds a workspace or pages: copy only into a new database'
        : 'the target was written to since the last copy (instances ran on it): not overwritten',
    )
}

async function copyTable(
  source: BetterSqlite3.Database,
  client: pg.PoolClient,
  table: string,
): Promise<number> {
  const columns = source
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((c) => c.name)
  const selfKeys = foreignKeys(source, table).filter((fk) => fk.table === table)
  let rows = source.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Record<string, unknown>[]
  if (selfKeys.length > 0) rows = parentsFirst(rows, selfKeys)
  const quoted = columns.map((c) => `"${c}"`).join(', ')
  const perBatch = Math.max(1, Math.floor(30_000 / columns.length))
  for (let start = 0; start < rows.length; start += perBatch) {
    const batch = rows.slice(start, start + perBatch)
    const values: unknown[] = []
    const tuples = batch.map((row) => {
      const marks = columns.map((c) => {
        const value = row[c]
        values.push(typeof value === 'bigint' ? Number(value) : value)
        return `$${values.length}`
      })
      return `(${marks.join(', ')})`
    })
    await client.query(`INSERT INTO "${table}" (${quoted}) VALUES ${tuples.join(', ')}`, values)
  }
  return rows.length
}

/** Rows of a table referencing itself (page.parent_id), each after the row it names. */
function parentsFirst(rows: Record<string, unknown>[], keys: ForeignKey[]): Record<string, unknown>[] {
  const done = new Set<unknown>()
  const out: Record<string, unknown>[] = []
  let pending = rows
  while (pending.length > 0) {
    const next: Record<string, unknown>[] = []
    for (const row of pending) {
      const ready = keys.every(
        (k) => row[k.from] === null || row[k.from] === row[k.to] || done.has(row[k.from]),
      )
      if (ready) {
        out.push(row)
        for (const k of keys) done.add(row[k.to])
      } else next.push(row)
    }
    // A cycle (which foreign keys would have refused): copy the rest as they are.
    if (next.length === pending.length) return [...out, ...next]
    pending = next
  }
  return out
}

async function resetSerials(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
  )
  for (const { table_name: table, column_name: column } of rows) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT max("${column}") FROM "${table}"), 0) + 1, false)`,
      [`"${table}"`, column],
    )
  }
}

async function rebuildSearch(source: BetterSqlite3.Database, pool: pg.Pool): Promise<void> {
  const index = new PostgresSearchIndex(pool)
  const rows = source
    .prepare<[], { page_id: string; workspace_id: string; title: string; body: string }>(
      'SELECT page_id, workspace_id, title, body FROM page_fts',
    )
    .all()
  for (const row of rows)
    await index.upsert({
      pageId: row.page_id,
      workspaceId: row.workspace_id,
      title: row.title,
      text: row.body,
    })
}

async function verifyCopy(
  source: BetterSqlite3.Database,
  pool: pg.Pool,
  copied: { table: string; rows: number }[],
): Promise<string[]> {
  const problems: string[] = []
  for (const { table, rows } of copied) {
    const { rows: counted } = await pool.query<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`)
    if (counted[0]?.n !== rows)
      problems.push(`${table}: ${rows} rows in SQLite, ${counted[0]?.n} in PostgreSQL`)
  }
  const from = new SqliteDocStore(source)
  const to = new PostgresDocStore(pool)
  const names = source
    .prepare<[], { name: string }>(
      'SELECT doc_name AS name FROM doc_snapshot UNION SELECT DISTINCT doc_name FROM doc_update',
    )
    .all()
  for (const { name } of names) {
    const [a, b] = [new Y.Doc(), new Y.Doc()]
    try {
      applyStoredDoc(a, await from.load(name))
      applyStoredDoc(b, await to.load(name))
      const same =
        a.getXmlFragment('default').toString() === b.getXmlFragment('default').toString() &&
        Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)))
      if (!same) problems.push(`page ${name}: the body differs`)
    } finally {
      a.destroy()
      b.destroy()
    }
  }
  return problems
}
