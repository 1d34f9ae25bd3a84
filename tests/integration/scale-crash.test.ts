/**
 * Several instances (issue 15): SIGKILL the instance a writer is connected to, mid-stream, 20
 * times. Every edit an observer on another instance had received is in PostgreSQL and in a fresh
 * client's document; the writer reconnects to a surviving instance and its unsent edits arrive.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { asOwner } from '../support/api.ts'
import { connectClient, type TestClient, waitConverged } from '../support/clients.ts'
import { startCluster, type TestCluster } from '../support/cluster.ts'
import { addParagraph } from '../support/edits.ts'
import type { TestServer } from '../support/server.ts'
import { waitFor } from '../support/server.ts'

const ROUNDS = 20

let cluster: TestCluster
beforeAll(async () => {
  cluster = await startCluster(3, 'crash')
})
afterAll(async () => {
  await cluster?.stop()
})

const markers = (text: string) => new Set(text.match(/m\d+-\d+/g) ?? [])

test(`${ROUNDS} rounds of SIGKILL under a writer: nothing another client saw is lost, unsent edits arrive`, async () => {
  // Live instances; a killed one is replaced in the background while the next rounds go on.
  const alive = [...cluster.servers] as TestServer[]
  const starting: Promise<void>[] = []
  const { token, newPage } = await asOwner(alive[0] as TestServer)
  const pageId = await newPage()
  let writerAt = alive[0] as TestServer
  let writer = connectClient(writerAt.wsUrl, pageId, { token })
  await writer.synced
  const open: TestClient[] = [writer]
  let lost = 0
  for (let round = 0; round < ROUNDS; round++) {
    while (alive.length < 2) await Promise.race(starting)
    const victim = writerAt
    const survivor = alive.find((s) => s !== victim) as TestServer
    const observer = connectClient(survivor.wsUrl, pageId, { token })
    open.push(observer)
    await observer.synced
    // The writer types steadily; the instance it is connected to is killed in the middle.
    let typing = true
    let i = 0
    const typed = (async () => {
      while (typing) {
        addParagraph(writer.body, `m${round}-${i++}`)
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    })()
    await waitFor(() => markers(observer.body.toString()).size > 0, 10_000, 'the observer to receive edits')
    await new Promise((resolve) => setTimeout(resolve, 20 + ((round * 37) % 60)))
    await victim.kill('SIGKILL')
    const seen = markers(observer.body.toString())
    alive.splice(alive.indexOf(victim), 1)
    const replacement = cluster.startInstance().then((server) => {
      alive.push(server)
      starting.splice(starting.indexOf(replacement), 1)
    })
    starting.push(replacement)
    await new Promise((resolve) => setTimeout(resolve, 30))
    typing = false
    await typed

    // What the observer had received is in PostgreSQL and in a fresh client on a survivor.
    const stored = markers((await cluster.storedBody(pageId)).body)
    const fresh = connectClient(survivor.wsUrl, pageId, { token })
    await fresh.synced
    const freshHas = markers(fresh.body.toString())
    for (const m of seen) if (!stored.has(m) || !freshHas.has(m)) lost += 1

    // The writer moves to a surviving instance with its document: what it typed since arrives.
    writer.provider.destroy()
    writerAt = survivor
    writer = connectClient(survivor.wsUrl, pageId, { token }, writer.doc)
    open.push(writer)
    await writer.synced
    await waitConverged([writer, observer, fresh], 10_000)
    const all = markers(writer.body.toString())
    expect(markers(fresh.body.toString())).toEqual(all)
    expect(markers((await cluster.storedBody(pageId)).body)).toEqual(all)
    observer.destroy()
    fresh.destroy()
  }
  await Promise.all(starting)
  expect(lost).toBe(0)
  writer.destroy()
  for (const c of open) c.provider.destroy()
}, 300_000)
