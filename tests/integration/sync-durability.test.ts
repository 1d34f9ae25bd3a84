import { afterEach, expect, test } from 'vitest'
import { asOwner } from '../support/api.ts'
import { connectClient, type TestClient } from '../support/clients.ts'
import { addParagraph } from '../support/edits.ts'
import { startServer, type TestServer, waitFor } from '../support/server.ts'

let server: TestServer | null = null
afterEach(async () => {
  await server?.kill('SIGKILL')
  server = null
})

async function writeAndWaitForEcho(
  srv: TestServer,
  pageId: string,
  token: string,
  count: number,
): Promise<string[]> {
  const writer = connectClient(srv.wsUrl, pageId, { token })
  const reader = connectClient(srv.wsUrl, pageId, { token })
  await Promise.all([writer.synced, reader.synced])
  const written: string[] = []
  for (let i = 0; i < count; i++) {
    const line = `ligne ${i} — écrite`
    addParagraph(writer.body, line)
    written.push(line)
  }
  // The second client has them only once the server accepted (stored) and broadcast them.
  await waitFor(() => reader.body.length === count, 10_000, 'the echo on the second client')
  writer.destroy()
  reader.destroy()
  return written
}

async function readBack(srv: TestServer, pageId: string, token: string): Promise<string> {
  const fresh: TestClient = connectClient(srv.wsUrl, pageId, { token })
  await fresh.synced
  const body = fresh.body.toString()
  fresh.destroy()
  return body
}

for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
  test(`every update echoed to another client survives ${signal} and a restart`, async () => {
    server = await startServer()
    const { token, newPage } = await asOwner(server)
    const pageId = await newPage()
    const written = await writeAndWaitForEcho(server, pageId, token, 200)
    const code = await server.kill(signal)
    if (signal === 'SIGTERM') expect(code).toBe(0)
    server = await server.restart()
    const body = await readBack(server, pageId, token)
    for (const line of written) expect(body).toContain(`<paragraph>${line}</paragraph>`)
  })
}

test('at a high rate over many pages (group commit), SIGKILL mid-stream loses nothing a watcher saw', async () => {
  const running = await startServer()
  server = running
  const { token, newPage } = await asOwner(running)
  const pageIds = await Promise.all(Array.from({ length: 8 }, () => newPage()))
  const pairs = pageIds.map((pageId) => ({
    pageId,
    writer: connectClient(running.wsUrl, pageId, { token }),
    watcher: connectClient(running.wsUrl, pageId, { token }),
  }))
  await Promise.all(pairs.flatMap((p) => [p.writer.synced, p.watcher.synced]))
  // Every writer types in bursts, all at once: many updates of many pages reach the server in
  // one turn of its event loop and are committed together.
  let line = 0
  const typing = setInterval(() => {
    for (const { writer } of pairs) for (let i = 0; i < 5; i++) addParagraph(writer.body, `rapide ${line++}`)
  }, 5)
  await waitFor(() => pairs.every((p) => p.watcher.body.length >= 100), 20_000, 'watchers receiving')
  // What the watchers have seen when the server dies is what the server had committed.
  const code = await running.kill('SIGKILL')
  clearInterval(typing)
  expect(code).not.toBe(0)
  const seen = pairs.map((p) => p.watcher.body.toArray().map((node) => node.toString()))
  for (const p of pairs) {
    p.writer.destroy()
    p.watcher.destroy()
  }
  server = await running.restart()
  let total = 0
  for (const [i, p] of pairs.entries()) {
    const body = await readBack(server, p.pageId, token)
    for (const paragraph of seen[i] ?? []) expect(body).toContain(paragraph)
    total += seen[i]?.length ?? 0
  }
  expect(total).toBeGreaterThanOrEqual(800)
})
