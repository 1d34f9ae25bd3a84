import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { SqliteDocStore } from '../../apps/server/src/store/doc-store-sqlite.ts'
import { openSqlite } from '../../apps/server/src/store/sqlite.ts'
import { asOwner } from '../support/api.ts'
import { connectClient } from '../support/clients.ts'
import { addParagraph } from '../support/edits.ts'
import { startServer, waitFor } from '../support/server.ts'

test('5,000 small updates keep the update log under the threshold, and a cold load gives the same content', async () => {
  const threshold = 200
  let server = await startServer({ env: { COMPACT_THRESHOLD: String(threshold) } })
  const { token, newPage } = await asOwner(server)
  const pageId = await newPage()
  const writer = connectClient(server.wsUrl, pageId, { token })
  const reader = connectClient(server.wsUrl, pageId, { token })
  await Promise.all([writer.synced, reader.synced])
  const text = addParagraph(writer.body, '')
  for (let i = 0; i < 5000; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)))
  await waitFor(() => reader.body.toString() === writer.body.toString(), 20_000, 'reader to catch up')
  const expected = writer.body.toString()
  expect(expected.length).toBeGreaterThan(5000)
  writer.destroy()
  reader.destroy()

  // Kill -9 so nothing compacts at shutdown: what is on disk is what the live compaction left.
  await server.kill('SIGKILL')
  const sqlite = await openSqlite(server.dataDir)
  const store = new SqliteDocStore(sqlite.raw)
  const rows = await store.countUpdates(pageId)
  const stored = await store.load(pageId)
  await sqlite.close()
  const problems = server.logs.filter((line) => !line.includes('"level":30')).slice(0, 5)
  expect(rows, `server said: ${problems.join('\n')}`).toBeLessThan(threshold)
  expect(stored.snapshot).not.toBeNull()

  server = await server.restart()
  const cold = connectClient(server.wsUrl, pageId, { token })
  await cold.synced
  expect(cold.body.toString()).toBe(expected)
  cold.destroy()
  await server.kill('SIGTERM')
})

test('a document with no connection is compacted and unloaded after the grace period', async () => {
  const server = await startServer({ env: { UNLOAD_GRACE_MS: '200' } })
  const { token, newPage } = await asOwner(server)
  const pageId = await newPage()
  const client = connectClient(server.wsUrl, pageId, { token })
  await client.synced
  for (let i = 0; i < 20; i++) addParagraph(client.body, `p${i}`)
  const loaded = async () =>
    (await (await fetch(`${server.url}/metrics`)).text()).match(/^tisserand_docs_loaded (\d+)/m)?.[1]
  await waitFor(async () => (await loaded()) === '1', 5000, 'doc loaded')
  const expected = client.body.toString()
  client.destroy()
  await waitFor(async () => (await loaded()) === '0', 5000, 'doc unloaded')
  await server.kill('SIGKILL')
  const sqlite = await openSqlite(server.dataDir)
  const store = new SqliteDocStore(sqlite.raw)
  expect(await store.countUpdates(pageId)).toBe(0)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, (await store.load(pageId)).snapshot as Uint8Array)
  await sqlite.close()
  expect(doc.getXmlFragment('default').toString()).toBe(expected)
})

test('a cold page answers an empty client from storage, then edits from old and new clients still meet', async () => {
  let server = await startServer()
  const { token, newPage } = await asOwner(server)
  const pageId = await newPage()
  const writer = connectClient(server.wsUrl, pageId, { token })
  await writer.synced
  for (let i = 0; i < 300; i++) addParagraph(writer.body, `ligne ${i}`)
  const reader = connectClient(server.wsUrl, pageId, { token })
  await waitFor(() => reader.body.length === 300, 10_000, 'the reader to catch up')
  reader.destroy()
  await server.kill('SIGKILL')
  server = await server.restart()
  // A client with nothing gets the stored state; one that kept its doc syncs with a full state vector.
  const fresh = connectClient(server.wsUrl, pageId, { token })
  await fresh.synced
  expect(fresh.body.toString()).toBe(writer.body.toString())
  const kept = new Y.Doc()
  Y.applyUpdate(kept, Y.encodeStateAsUpdate(writer.doc))
  writer.destroy()
  const old = connectClient(server.wsUrl, pageId, { token }, kept)
  await old.synced
  addParagraph(fresh.body, 'écrit après le redémarrage')
  addParagraph(old.body, 'et de l’autre côté')
  await waitFor(
    () => fresh.body.toString() === old.body.toString() && fresh.body.length === 302,
    10_000,
    'both clients to meet',
  )
  fresh.destroy()
  old.destroy()
  await server.kill('SIGTERM')
})
