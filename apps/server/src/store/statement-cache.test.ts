import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { withStatementCache } from './statement-cache.ts'

describe('withStatementCache', () => {
  let raw: BetterSqlite3.Database
  afterEach(() => raw?.open && raw.close())

  it('prepares a query once and reuses it', () => {
    raw = new BetterSqlite3(':memory:')
    const db = withStatementCache(raw)
    const first = db.prepare('SELECT 1 AS n')
    expect(db.prepare('SELECT 1 AS n')).toBe(first)
    expect(db.prepare('SELECT 2 AS n')).not.toBe(first)
  })

  it('lets the least recently used statement go when full', () => {
    raw = new BetterSqlite3(':memory:')
    const db = withStatementCache(raw, 2)
    const one = db.prepare('SELECT 1')
    const two = db.prepare('SELECT 2')
    expect(db.prepare('SELECT 1')).toBe(one)
    db.prepare('SELECT 3')
    expect(db.prepare('SELECT 1')).toBe(one)
    expect(db.prepare('SELECT 2')).not.toBe(two)
  })

  it('gives a fresh statement while the kept one is still iterating', () => {
    raw = new BetterSqlite3(':memory:')
    const db = withStatementCache(raw)
    const kept = db.prepare('SELECT value FROM json_each(?)')
    const rows = kept.iterate(['[1,2,3]'])
    rows.next()
    const other = db.prepare('SELECT value FROM json_each(?)')
    expect(other).not.toBe(kept)
    expect(other.all(['[4]'])).toEqual([{ value: 4 }])
    expect([...rows]).toEqual([{ value: 2 }, { value: 3 }])
    expect(db.prepare('SELECT value FROM json_each(?)')).toBe(kept)
  })

  it('keeps working through Kysely after the schema changes', async () => {
    raw = new BetterSqlite3(':memory:')
    const db = new Kysely<{ t: { a: number; b?: number } }>({
      dialect: new SqliteDialect({ database: withStatementCache(raw) }),
    })
    await db.schema.createTable('t').addColumn('a', 'integer').execute()
    await db.insertInto('t').values({ a: 1 }).execute()
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([{ a: 1 }])
    await db.schema.alterTable('t').addColumn('b', 'integer').execute()
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([{ a: 1, b: null }])
    await db.destroy()
    expect(raw.open).toBe(false)
  })
})
