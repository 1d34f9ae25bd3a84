/**
 * The SQLite index ranks matches by the index alone, then keeps the live pages of the workspace
 * asked for: when the best-ranked matches all belong elsewhere (another workspace, the trash, the
 * template, another kind), it ranks further instead of answering short. A query matching more
 * pages than it ranks at most is ranked among its newest matches.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { SqliteSearchIndex } from '../../apps/server/src/search/sqlite-search-index.ts'
import { openSqlite, type SqliteHandle } from '../../apps/server/src/store/sqlite.ts'
import { tempDataDir } from '../support/server.ts'

let sqlite: SqliteHandle
let index: SqliteSearchIndex

async function page(id: string, workspaceId: string, kind: string, text: string, archived = false) {
  const now = Date.now()
  await sqlite.db
    .insertInto('page')
    .values({
      id,
      workspace_id: workspaceId,
      parent_id: null,
      title: id,
      kind: kind as never,
      position: 0,
      created_by: 'system',
      created_at: now,
      updated_at: now,
      archived_at: archived ? now : null,
    })
    .execute()
  await index.upsert({ pageId: id, workspaceId, title: id, text })
}

beforeAll(async () => {
  sqlite = await openSqlite(tempDataDir('tisserand-search-ranking-'))
  index = new SqliteSearchIndex(sqlite.raw)
  for (const id of ['busy', 'quiet'])
    await sqlite.db.insertInto('workspace').values({ id, name: id, created_at: 0 }).execute()
  // 300 pages elsewhere that all rank above the quiet workspace's page.
  for (let i = 0; i < 300; i++) await page(`busy-${i}`, 'busy', 'note', 'Grenoble Grenoble Grenoble entraide')
  for (let i = 0; i < 150; i++) await page(`trash-${i}`, 'quiet', 'note', 'Grenoble Grenoble Grenoble', true)
  await page(
    'quiet-case',
    'quiet',
    'case',
    'Une épicerie solidaire à Grenoble, parmi bien d’autres mots du texte.',
  )
  await page(
    'quiet-note',
    'quiet',
    'note',
    'Grenoble, encore : une note courte sur la gouvernance à Grenoble.',
  )
})

afterAll(async () => {
  await sqlite.close()
})

test('a page ranked below hundreds of other workspaces’ and trashed pages is still found', async () => {
  const hits = await index.search({ workspaceId: 'quiet', q: 'grenoble' })
  // Best first: the note says it twice in fewer words.
  expect(hits.map((h) => h.pageId)).toEqual(['quiet-note', 'quiet-case'])
  expect(hits[0]?.snippet).toContain('<mark>Grenoble</mark>')
})

test('the kind filter and the page filter rank further too', async () => {
  expect(
    (await index.search({ workspaceId: 'quiet', q: 'grenoble', kind: 'case' })).map((h) => h.pageId),
  ).toEqual(['quiet-case'])
  const only = await index.search({ workspaceId: 'quiet', q: 'grenoble', pageIds: ['quiet-case', 'busy-1'] })
  expect(only.map((h) => h.pageId)).toEqual(['quiet-case'])
})

test('the limit holds with many matches, in rank order', async () => {
  const hits = await index.search({ workspaceId: 'busy', q: 'gren', limit: 20 })
  expect(hits).toHaveLength(20)
  expect(new Set(hits.map((h) => h.pageId)).size).toBe(20)
})

test('a query matching more pages than the index ranks is ranked among its newest matches; a rarer one among all', async () => {
  // The same database, ranking at most 100 matches: "grenoble" matches 452 pages, "entraide"
  // the 300 busy ones, "gouvernance" one.
  const capped = new SqliteSearchIndex(sqlite.raw, 100)
  const newest = await capped.search({ workspaceId: 'quiet', q: 'grenoble' })
  expect(newest.map((h) => h.pageId)).toEqual(['quiet-note', 'quiet-case'])
  // The newest 100 matches of "entraide" are the busy pages 200 to 299, best first as bm25 ranks them.
  const busy = await capped.search({ workspaceId: 'busy', q: 'entraide', limit: 20 })
  expect(busy).toHaveLength(20)
  expect(busy.every((h) => Number(h.pageId.slice('busy-'.length)) >= 200)).toBe(true)
  // The busy workspace's pages are the oldest "grenoble" matches: past the newest 100, which are
  // all the trash's and the quiet workspace's, the index ranks every match rather than answer short.
  const older = await capped.search({ workspaceId: 'busy', q: 'grenoble', limit: 20 })
  expect(older).toHaveLength(20)
  expect((await capped.search({ workspaceId: 'quiet', q: 'gouvernance' })).map((h) => h.pageId)).toEqual([
    'quiet-note',
  ])
})
