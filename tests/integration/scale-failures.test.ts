/**
 * Several instances (issue 15) through the failures of their services:
 * - Redis stopped (`SHUTDOWN NOSAVE`) during editing, then started again: each instance goes on
 *   accepting its own clients' edits and stays ready (an instance can even start meanwhile),
 *   nothing accepted is lost, and clients on every instance converge within 5 s of Redis being
 *   back;
 * - PostgreSQL connections cut (`pg_terminate_backend`) during editing: an update that was not
 *   committed is shown to no one (the stored-state guard stops a server that would apply it,
 *   exit 70), the clients send it again after reconnecting, nothing is lost.
 */

import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { asOwner } from '../support/api.ts'
import { connectClient, type TestClient, waitConverged } from '../support/clients.ts'
import { startCluster, type TestCluster } from '../support/cluster.ts'
import { addParagraph } from '../support/edits.ts'
import { type TestServer, waitFor } from '../support/server.ts'
import { adminQuery, REDIS_START, redisCli } from '../support/services.ts'

const run = promisify(execFile)

let cluster: TestCluster
beforeAll(async () => {
  cluster = await startCluster(3, 'failures')
})
afterAll(async () => {
  await cluster?.stop()
})

const markers = (text: string) => new Set(text.match(/w\d+-\d+/g) ?? [])

/** A new page with, on each instance, a writer and a reader, all synced. */
async function writerAndReaderOnEachInstance() {
  const servers = [...cluster.servers] as TestServer[]
  const { token, newPage } = await asOwner(servers[0] as TestServer)
  const pageId = await newPage()
  const writers = servers.map((s) => connectClient(s.wsUrl, pageId, { token }))
  const readers = servers.map((s) => connectClient(s.wsUrl, pageId, { token }))
  const all = [...writers, ...readers]
  await Promise.all(all.map((c) => c.synced))
  return { servers, pageId, token, writers, readers, all }
}

/** Each client types a numbered paragraph every few milliseconds until stopped. */
function typing(writers: TestClient[]) {
  let on = true
  const loops = writers.map(async (writer, w) => {
    let i = 0
    while (on) {
      addParagraph(writer.body, `w${w}-${i++}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  })
  return async () => {
    on = false
    await Promise.all(loops)
  }
}

async function redisUp(): Promise<boolean> {
  return (await redisCli('ping').catch(() => '')) === 'PONG'
}

async function startRedis(): Promise<void> {
  if (await redisUp()) return
  await run(REDIS_START[0], [...REDIS_START[1]])
  await waitFor(redisUp, 10_000, 'redis to start')
}

test('Redis stopped during editing and started again: no edit lost, every instance converges within 5 s', async () => {
  const { servers, pageId, token, writers, readers, all } = await writerAndReaderOnEachInstance()
  const stop = typing(writers)
  try {
    await new Promise((resolve) => setTimeout(resolve, 300))
    await redisCli('shutdown', 'nosave').catch(() => '')
    await waitFor(async () => !(await redisUp()), 5000, 'redis to stop')
    // Redis is away: instances stay ready, and say so.
    const health = await fetch(`${(servers[0] as TestServer).url}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ ok: true, database: 'up', redis: 'down' })
    // An instance started while Redis is away starts, serves, and says Redis is down.
    const late = await cluster.startInstance()
    const lateClient = connectClient(late.wsUrl, pageId, { token })
    all.push(lateClient)
    await lateClient.synced
    expect(await (await fetch(`${late.url}/api/health`)).json()).toMatchObject({ ok: true, redis: 'down' })
    // Each instance still serves its own clients (its reader sees its writer).
    const before = writers.map((w) => markers(w.body.toString()))
    await new Promise((resolve) => setTimeout(resolve, 1500))
    for (const [i, reader] of readers.entries()) {
      const fresh = [...markers((writers[i] as TestClient).body.toString())].filter(
        (m) => m.startsWith(`w${i}-`) && !before[i]?.has(m),
      )
      expect(fresh.length).toBeGreaterThan(0)
      await waitFor(
        () => fresh.every((m) => markers(reader.body.toString()).has(m)),
        5000,
        `the reader on instance ${i} to see its own instance's writer while Redis is down`,
      )
    }
  } finally {
    await startRedis()
  }
  const back = Date.now()
  await waitFor(
    async () =>
      ((await (await fetch(`${(servers[0] as TestServer).url}/api/health`)).json()) as any).redis === 'up',
    5000,
    'health to report Redis up',
  )
  await new Promise((resolve) => setTimeout(resolve, 500))
  await stop()
  await waitConverged(all, 5000 - (Date.now() - back))
  const text = writers[0]?.body.toString() ?? ''
  expect((await cluster.storedBody(pageId)).body).toBe(text)
  for (const [w, writer] of writers.entries()) {
    const typed = [...markers(writer.body.toString())].filter((m) => m.startsWith(`w${w}-`))
    expect(typed.length).toBeGreaterThan(10)
  }
  for (const c of all) c.destroy()
  for (const s of servers) expect(s.proc.exitCode).toBeNull()
})

test('PostgreSQL connections cut during editing: nothing uncommitted is shown, clients re-send, nothing lost', async () => {
  const { servers, pageId, writers, all } = await writerAndReaderOnEachInstance()
  const stop = typing(writers)
  let cut = 0
  for (let round = 0; round < 5; round++) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    const { rows } = await adminQuery<{ ok: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [cluster.database.name],
    )
    cut += rows.length
  }
  expect(cut).toBeGreaterThan(0)
  await new Promise((resolve) => setTimeout(resolve, 500))
  await stop()
  // Every client typed, reconnected where its socket was closed, and converged.
  await waitConverged(all, 20_000)
  const text = writers[0]?.body.toString() ?? ''
  expect((await cluster.storedBody(pageId)).body).toBe(text)
  for (const [w, writer] of writers.entries()) {
    const typed = [...markers(writer.body.toString())].filter((m) => m.startsWith(`w${w}-`))
    expect(typed.length).toBeGreaterThan(10)
  }
  // Some updates were refused for their cut connection (and so sent again by their clients).
  const refused = servers.flatMap((s) => s.logs).filter((l) => l.includes('update not stored')).length
  expect(refused).toBeGreaterThan(0)
  for (const c of all) c.destroy()
  // No server applied an update it had not stored: the guard would have stopped it (exit 70).
  for (const s of servers) expect(s.proc.exitCode).toBeNull()
})
