/**
 * Several instances (issue 15): three server processes on one PostgreSQL database and one Redis;
 * stock y-websocket clients spread over them make 1,000 random concurrent edits to one page, and
 * every client, a fresh client on each instance and PostgreSQL end up holding the same document.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import * as Y from 'yjs'
import { asOwner } from '../support/api.ts'
import { connectClient, type TestClient, waitConverged } from '../support/clients.ts'
import { startCluster, type TestCluster } from '../support/cluster.ts'
import { prng, randomEdit } from '../support/edits.ts'

let cluster: TestCluster
beforeAll(async () => {
  cluster = await startCluster(3, 'converge')
})
afterAll(async () => {
  await cluster?.stop()
})

test('1,000 random edits by clients on three instances converge everywhere and equal what PostgreSQL holds', async () => {
  const [a, b, c] = cluster.servers
  if (!a || !b || !c) throw new Error('three instances expected')
  const { token, newPage } = await asOwner(a)
  const pageId = await newPage()
  // Two clients per instance.
  const clients: TestClient[] = [a, b, c, a, b, c].map((s) => connectClient(s.wsUrl, pageId, { token }))
  await Promise.all(clients.map((cl) => cl.synced))
  const random = prng(20261201)
  for (let i = 0; i < 1000; i++) {
    const client = clients[Math.floor(random() * clients.length)] as TestClient
    randomEdit(client.doc, random)
    if (i % 25 === 24) await new Promise((resolve) => setTimeout(resolve, 5))
  }
  await waitConverged(clients, 30_000)
  const text = clients[0]?.body.toString() ?? ''
  expect(text.length).toBeGreaterThan(100)

  // A fresh client on each instance gets the same document.
  const fresh = [a, b, c].map((s) => connectClient(s.wsUrl, pageId, { token }))
  await Promise.all(fresh.map((cl) => cl.synced))
  await waitConverged([...clients, ...fresh], 10_000)

  // PostgreSQL holds exactly what the clients hold (the log and snapshot, read directly).
  const stored = await cluster.storedBody(pageId)
  expect(stored.body).toBe(text)
  expect(Y.encodeStateVector(stored.doc)).toEqual(Y.encodeStateVector(clients[0]?.doc ?? new Y.Doc()))
  for (const cl of [...clients, ...fresh]) cl.destroy()
})
