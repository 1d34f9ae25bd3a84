/**
 * Who wrote what, at the document-store level, on both stores: an update's authorship travels on
 * its log row until compaction moves it to doc_authorship (store/authorship-rows.ts). Readers see
 * the same rows before and after, runs of one writer fold into one row, and removing a document
 * takes its authorship too.
 */
import { afterEach, describe, expect, test } from 'vitest'
import type { DocStore, UpdateAuthorship } from '../../apps/server/src/store/doc-store.ts'
import { PostgresDocStore } from '../../apps/server/src/store/doc-store-postgres.ts'
import { SqliteDocStore } from '../../apps/server/src/store/doc-store-sqlite.ts'
import { openPostgres } from '../../apps/server/src/store/postgres.ts'
import { openSqlite } from '../../apps/server/src/store/sqlite.ts'
import { tempDataDir } from '../support/server.ts'
import { createDatabase } from '../support/services.ts'

interface OpenStore {
  store: DocStore
  /** Rows in doc_authorship and log rows carrying authorship, counted in the database itself. */
  counts(doc: string): Promise<{ folded: number; onLog: number }>
  close(): Promise<void>
}

async function open(kind: 'sqlite' | 'postgres'): Promise<OpenStore> {
  if (kind === 'sqlite') {
    const handle = await openSqlite(tempDataDir('tisserand-docstore-'))
    const count = (sql: string, doc: string) => (handle.raw.prepare(sql).get(doc) as { n: number }).n
    return {
      store: new SqliteDocStore(handle.raw),
      counts: async (doc) => ({
        folded: count('SELECT count(*) AS n FROM doc_authorship WHERE doc_name = ?', doc),
        onLog: count(
          'SELECT count(*) AS n FROM doc_update WHERE doc_name = ? AND authorship IS NOT NULL',
          doc,
        ),
      }),
      close: () => handle.close(),
    }
  }
  const database = await createDatabase('docstore')
  const handle = await openPostgres(database.url, 2)
  const count = async (sql: string, doc: string) =>
    Number((await handle.pool.query<{ n: number }>(sql, [doc])).rows[0]?.n)
  return {
    store: new PostgresDocStore(handle.pool),
    counts: async (doc) => ({
      folded: await count('SELECT count(*) AS n FROM doc_authorship WHERE doc_name = $1', doc),
      onLog: await count(
        'SELECT count(*) AS n FROM doc_update WHERE doc_name = $1 AND authorship IS NOT NULL',
        doc,
      ),
    }),
    close: async () => {
      await handle.close()
      await database.drop()
    },
  }
}

/** Typing: one character per update, each a range of one item of client 7 by `userId`. */
function keystroke(userId: string, clock: number, via: string | null = null): UpdateAuthorship {
  return {
    userId,
    via,
    inserted: [{ client: 7, clock, length: 1 }],
    deleted: [],
    newClients: clock === 0 ? [7] : [],
  }
}

const UPDATE = new Uint8Array([0, 0])

describe.each(['sqlite', 'postgres'] as const)('on %s', (kind) => {
  let opened: OpenStore | null = null
  afterEach(async () => {
    await opened?.close()
    opened = null
  })

  test('authorship reads the same before and after compaction, folded into runs', async () => {
    opened = await open(kind)
    const { store } = opened
    let last = 0
    for (let clock = 0; clock < 6; clock++)
      last = await store.append('page-a', UPDATE, keystroke('amina', clock))
    // A deletion by another writer, and an update with nothing to credit (no row for it).
    last = await store.append('page-a', UPDATE, {
      userId: 'chloe',
      inserted: [],
      deleted: [{ client: 7, clock: 2, length: 2 }],
      newClients: [],
    })
    last = await store.append('page-a', UPDATE, {
      userId: 'chloe',
      inserted: [],
      deleted: [],
      newClients: [],
    })
    await store.append('page-b', UPDATE, keystroke('bruno', 0, 'restore:v1'))

    const before = await store.authorship('page-a')
    expect(before).toHaveLength(7)
    expect(before.at(0)).toMatchObject({ kind: 'delete', client: 7, clock: 2, length: 2, userId: 'chloe' })
    expect(before.slice(1).map((r) => [r.kind, r.clock, r.userId])).toEqual(
      [0, 1, 2, 3, 4, 5].map((clock) => ['insert', clock, 'amina']),
    )
    expect(await opened.counts('page-a')).toEqual({ folded: 0, onLog: 7 })
    expect(await store.clientOwners('page-a')).toEqual(new Map([[7, 'amina']]))

    await store.compact('page-a', UPDATE, last)
    const after = await store.authorship('page-a')
    expect(after.map((r) => [r.kind, r.client, r.clock, r.length, r.userId, r.via])).toEqual([
      ['delete', 7, 2, 2, 'chloe', null],
      ['insert', 7, 0, 6, 'amina', null],
    ])
    expect(await opened.counts('page-a')).toEqual({ folded: 2, onLog: 0 })
    // Typed after the compaction: on the log, read beside the folded rows.
    await store.append('page-a', UPDATE, keystroke('amina', 6))
    expect((await store.authorship('page-a')).map((r) => [r.kind, r.clock, r.length])).toEqual([
      ['delete', 2, 2],
      ['insert', 0, 6],
      ['insert', 6, 1],
    ])
    // The next compaction carries the run on: one row again, not a row per compaction.
    await store.compact('page-a', UPDATE, await store.append('page-a', UPDATE, keystroke('amina', 7)))
    expect((await store.authorship('page-a')).map((r) => [r.kind, r.clock, r.length])).toEqual([
      ['delete', 2, 2],
      ['insert', 0, 8],
    ])
    expect(await opened.counts('page-a')).toEqual({ folded: 2, onLog: 0 })
    // Another page keeps its own, with how it came.
    expect(await store.authorship('page-b')).toEqual([
      expect.objectContaining({ kind: 'insert', clock: 0, userId: 'bruno', via: 'restore:v1' }),
    ])

    await store.remove(['page-a'])
    expect(await store.authorship('page-a')).toEqual([])
    expect(await opened.counts('page-a')).toEqual({ folded: 0, onLog: 0 })
    expect(await store.authorship('page-b')).toHaveLength(1)
  })
})
