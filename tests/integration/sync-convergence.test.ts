import { afterAll, beforeAll, expect, test } from 'vitest'
import * as Y from 'yjs'
import { SqliteDocStore } from '../../apps/server/src/store/doc-store-sqlite.ts'
import { openSqlite } from '../../apps/server/src/store/sqlite.ts'
import { applyStoredDoc } from '../../apps/server/src/sync/doc-state.ts'
import { asOwner } from '../support/api.ts'
import { connectClient, type TestClient, waitConverged } from '../support/clients.ts'
import { prng, randomEdit } from '../support/edits.ts'
import { startServer, type TestServer } from '../support/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.kill('SIGTERM')
})

test('three stock y-websocket clients making 1,000 concurrent random edits converge, and the server stored the same', async () => {
  const { token, newPage } = await asOwner(server)
  const pageId = await newPage()
  const clients: TestClient[] = [0, 1, 2].map(() => connectClient(server.wsUrl, pageId, { token }))
  await Promise.all(clients.map((c) => c.synced))
  const random = prng(20261126)
  // Interleave edits across clients with short pauses, so many are concurrent in flight.
  for (let i = 0; i < 1000; i++) {
    const client = clients[Math.floor(random() * clients.length)] as TestClient
    randomEdit(client.doc, random)
    if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 5))
  }
  await waitConverged(clients)
  const [first, ...rest] = clients.map((c) => c.body.toString())
  for (const other of rest) expect(other).toBe(first)
  expect(first?.length).toBeGreaterThan(100)
  for (const c of clients) c.destroy()

  // What the server stored, read from its SQLite file after a clean stop.
  await server.kill('SIGTERM')
  const sqlite = await openSqlite(server.dataDir)
  const stored = await new SqliteDocStore(sqlite.raw).load(pageId)
  await sqlite.close()
  const fromDisk = new Y.Doc()
  applyStoredDoc(fromDisk, stored)
  expect(fromDisk.getXmlFragment('default').toString()).toBe(first)
  server = await server.restart()
})
