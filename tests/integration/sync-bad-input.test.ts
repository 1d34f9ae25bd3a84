import net from 'node:net'
import { CloseCode, MessageType } from '@tisserand/sync-protocol'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { asOwner } from '../support/api.ts'
import { connectClient } from '../support/clients.ts'
import { addParagraph, prng, randomEdit } from '../support/edits.ts'
import { startServer, type TestServer, waitFor } from '../support/server.ts'

let server: TestServer
let token: string
let newPage: () => Promise<string>
beforeAll(async () => {
  server = await startServer({ env: { MAX_MESSAGE_BYTES: String(64 * 1024), MAX_BUFFERED_BYTES: '4096' } })
  ;({ token, newPage } = await asOwner(server))
})
afterAll(async () => {
  await server.kill('SIGTERM')
})

function openRaw(pageId: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}/${pageId}?token=${token}`)
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve(-1)
    ws.once('close', (code) => resolve(code))
  })
}

/** Real update messages, then cut short at a random byte: the most likely kind of garbage. */
function truncatedUpdates(count: number, random: () => number): Uint8Array[] {
  const doc = new Y.Doc()
  const messages: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    encoding.writeVarUint(encoder, 2)
    encoding.writeVarUint8Array(encoder, update)
    const message = encoding.toUint8Array(encoder)
    messages.push(message.slice(0, 1 + Math.floor(random() * (message.length - 1))))
  })
  while (messages.length < count) randomEdit(doc, random)
  return messages
}

function randomBytes(count: number, random: () => number): Uint8Array[] {
  return Array.from({ length: count }, () => {
    const bytes = new Uint8Array(2 + Math.floor(random() * 64))
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256)
    // Half of them start like a sync update, so they reach the update decoder.
    if (random() < 0.5) bytes.set([0, 2], 0)
    return bytes
  })
}

test('1,000 random and truncated messages leave the server up, the page unchanged, and an honest client editing', async () => {
  const pageId = await newPage()
  const honest = connectClient(server.wsUrl, pageId, { token })
  await honest.synced
  addParagraph(honest.body, 'texte de référence')
  const observer = connectClient(server.wsUrl, pageId, { token })
  await observer.synced
  await waitFor(() => observer.body.length === 1, 5000, 'observer to sync')

  const random = prng(7)
  const garbage = [...truncatedUpdates(500, random), ...randomBytes(500, random)]

  // All of them on one socket: the first bad one closes it with 1007, the rest go nowhere.
  const single = await openRaw(pageId)
  const singleClosed = closeCode(single)
  for (const message of garbage) if (single.readyState === WebSocket.OPEN) single.send(message)
  expect(await singleClosed).toBe(CloseCode.malformed)

  // Then each on a socket of its own, 25 at a time, so every one reaches the parser.
  const codes = new Map<number, number>()
  for (let i = 0; i < garbage.length; i += 25) {
    const batch = garbage.slice(i, i + 25)
    const results = await Promise.all(
      batch.map(async (message) => {
        const ws = await openRaw(pageId)
        const closed = closeCode(ws)
        ws.send(message)
        const code = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(0), 300))])
        ws.terminate()
        return code
      }),
    )
    for (const code of results) codes.set(code, (codes.get(code) ?? 0) + 1)
    addParagraph(honest.body, `toujours là ${i}`)
  }
  // Nearly all are refused; the few left open happened to decode as harmless messages.
  expect(codes.get(CloseCode.malformed) ?? 0).toBeGreaterThan(900)
  for (const code of codes.keys()) expect([CloseCode.malformed, 0]).toContain(code)

  // Only the honest client's edits are in the page, on both clients.
  await waitFor(() => observer.body.toString() === honest.body.toString(), 5000, 'observer to match')
  const texts = observer.body.toArray().map((p) => (p as Y.XmlElement).toString())
  expect(texts[0]).toBe('<paragraph>texte de référence</paragraph>')
  expect(texts.length).toBe(1 + garbage.length / 25)
  expect(texts.slice(1).every((t) => t.startsWith('<paragraph>toujours là'))).toBe(true)
  const health = await fetch(`${server.url}/api/health`)
  expect(await health.json()).toMatchObject({ ok: true, database: 'up' })
  honest.destroy()
  observer.destroy()
})

test('an oversized message is refused with close code 1009', async () => {
  const ws = await openRaw(await newPage())
  const closed = closeCode(ws)
  ws.send(new Uint8Array(100 * 1024))
  expect(await closed).toBe(CloseCode.tooBig)
})

test('a text frame closes the connection with 1007', async () => {
  const ws = await openRaw(await newPage())
  const closed = closeCode(ws)
  ws.send('hello')
  expect(await closed).toBe(CloseCode.malformed)
})

test('a broken WebSocket frame does not crash the server', async () => {
  const pageId = await newPage()
  const socket = net.connect(server.port, '127.0.0.1')
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  socket.write(
    `GET /collab/${pageId}?token=${token} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  )
  await new Promise((resolve) => socket.once('data', resolve))
  // An unmasked frame with a reserved opcode: a protocol error on the server side.
  socket.write(Buffer.from([0x83, 0x02, 0x01, 0x02]))
  await new Promise((resolve) => socket.once('close', resolve))
  const health = await fetch(`${server.url}/api/health`)
  expect(health.status).toBe(200)
})

test('a client too slow to read is disconnected instead of buffered', async () => {
  const pageId = await newPage()
  const slow = await openRaw(pageId)
  const writer = connectClient(server.wsUrl, pageId, { token })
  await writer.synced
  // Stop reading: the kernel buffers fill, then the server's send backlog grows past 4 KiB.
  const rawSocket = (slow as unknown as { _socket: net.Socket })._socket
  rawSocket.pause()
  const connections = async () =>
    Number(
      (await (await fetch(`${server.url}/metrics`)).text()).match(/^tisserand_ws_connections (\d+)/m)?.[1],
    )
  const before = await connections()
  const chunk = 'x'.repeat(60 * 1024)
  await waitFor(
    async () => {
      addParagraph(writer.body, chunk)
      return (await connections()) === before - 1
    },
    20_000,
    'the slow client to be cut off',
  )
  expect(writer.provider.wsconnected).toBe(true)
  writer.destroy()
  slow.terminate()
})

test('the awareness of a closed connection is removed for the others', async () => {
  const pageId = await newPage()
  const a = connectClient(server.wsUrl, pageId, { token })
  const b = connectClient(server.wsUrl, pageId, { token })
  await Promise.all([a.synced, b.synced])
  a.provider.awareness.setLocalStateField('user', { name: 'Awa', color: '#c33' })
  await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 5000, 'b to see a')
  a.provider.disconnect()
  await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 5000, 'a to disappear for b')
  a.destroy()
  b.destroy()
})
