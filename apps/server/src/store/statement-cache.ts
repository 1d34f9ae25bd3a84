/**
 * The better-sqlite3 connection as Kysely's SQLite dialect sees it, with the statements it
 * prepares kept for reuse. Kysely prepares every query afresh; preparing (parsing and planning the
 * SQL) was 6 % of the server's CPU under S1, for the same few dozen queries of the derive passes,
 * the recent-changes feed and version capture. SQLite re-prepares a kept statement by itself when
 * the schema changes, so keeping them is safe across migrations.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/** Enough for every query the server builds; queries built with varying shapes fall out first. */
const MAX_STATEMENTS = 500

export function withStatementCache(raw: BetterSqlite3.Database, max = MAX_STATEMENTS): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>()
  return {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      const kept = statements.get(sql)
      if (kept) {
        // A statement still iterating (a streamed query) cannot run a second time meanwhile.
        if (kept.busy) return raw.prepare(sql)
        // Most recently used last, so the oldest goes first when the cache is full.
        statements.delete(sql)
        statements.set(sql, kept)
        return kept
      }
      const statement = raw.prepare(sql)
      statements.set(sql, statement)
      if (statements.size > max) statements.delete(statements.keys().next().value as string)
      return statement
    },
  }
}
