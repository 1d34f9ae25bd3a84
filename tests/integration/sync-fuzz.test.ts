/**
 * 100,000 malformed and truncated messages, from a seeded generator covering every message type,
 * over many sockets: the server stays up, closes each offending socket with 1007, keeps its memory
 * flat, leaks no connection or room, and the page the fuzz aims at is intact afterwards.
 */
import * as encoding from 'lib0/encoding'
import { afterAll, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { CloseCode } from '../../packages/sync-protocol/src/index.ts'
import { asOwner } from '../support/api.ts'
import { syncedClients } from '../support/clients.ts'
import { prng } from '../support/edits.ts'
import { startServer, type TestServer, waitFor } from '../support/server.ts'
import { writeParagraph } from '../support/wiki.ts'

const MESSAGES = 100_000
const SOCKETS_AT_ONCE = 64

let server: TestServer | null = null
const clients = syncedClients()
afterAll(async () => {
  clients.destroyAll()
  await server?.kill('SIGTERM')
})

type Generator = (random: () => number) => Uint8Array

const bytes = (random: () => number, max: number) =>
  Uint8Array.from({ length: Math.floor(random() * max) }, () => Math.floor(random() * 256))

/** A message with a valid prefix and a payload that is garbage, cut short, or lies about its length. */
function framed(
  type: number,
  subType: number | null,
  payload: (random: () => number) => Uint8Array,
): Generator {
  return (random) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, type)
    if (subType !== null) encoding.writeVarUint(encoder, subType)
    const body = payload(random)
    const shape = random()
    if (shape < 0.4) encoding.writeVarUint8Array(encoder, body)
    else if (shape < 0.7) {
      // A length prefix past the end.
      encoding.writeVarUint(encoder, body.length + 1 + Math.floor(random() * 1000))
      encoding.writeUint8Array(encoder, body)
    } else {
      // Truncated: a real message cut somewhere in the middle.
      encoding.writeVarUint8Array(encoder, body)
      const full = encoding.toUint8Array(encoder)
      return full.slice(0, Math.max(1, Math.floor(random() * full.length)))
    }
    return encoding.toUint8Array(encoder)
  }
}

/** Real updates cut short or with bytes flipped: the hardest to tell from good ones. */
function damagedUpdate(random: () => number): Uint8Array {
  const doc = new Y.Doc()
  doc.getXmlFragment('default').insert(0, [new Y.XmlText(`fuzz ${random()}`)])
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  const cut = update.slice(0, 1 + Math.floor(random() * (update.length - 1)))
  if (random() < 0.5) cut[Math.floor(random() * cut.length)] = 255
  return cut
}

const GENERATORS: [name: string, generate: Generator][] = [
  [
    'sync step 1, bad state vector',
    framed(0, 0, (r) => Uint8Array.of(255, 255, 255, 255, 255, ...bytes(r, 20))),
  ],
  ['sync step 2, garbage update', framed(0, 1, (r) => bytes(r, 64))],
  ['sync update, damaged real update', framed(0, 2, damagedUpdate)],
  ['sync, unknown sub-type', framed(0, 3 + 1, (r) => bytes(r, 16))],
  ['awareness, garbage', framed(1, null, (r) => Uint8Array.of(1 + Math.floor(r() * 5), ...bytes(r, 40)))],
  ['unknown message type', framed(5, null, (r) => bytes(r, 16))],
  [
    'type varint that never ends',
    () => Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80),
  ],
  ['empty frame', () => new Uint8Array(0)],
  ['sync without sub-type', () => Uint8Array.of(0)],
]

/** One socket, one bad message: resolves to the close code the server sent. */
function sendOne(url: string, message: Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url)
    ws.on('open', () => ws.send(message))
    ws.on('close', (code) => resolve(code))
    ws.on('error', () => {})
  })
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server?.url}/metrics`)).text()
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
  return Number(line?.split(' ').at(-1) ?? Number.NaN)
}

test(`${MESSAGES.toLocaleString('en')} malformed messages over many sockets leave the server up, flat and intact`, {
  timeout: 600_000,
}, async () => {
  server = await startServer({ env: { LOG_LEVEL: 'info' } })
  const { token, newPage } = await asOwner(server)
  const pageId = await newPage('Cible du fuzz')
  const writer = await clients.connect(server.wsUrl, pageId, token)
  for (let i = 0; i < 20; i++) writeParagraph(writer, `Paragraphe intact ${i}`)
  const reference = await clients.connect(server.wsUrl, pageId, token)
  await waitFor(() => reference.body.length === 20, 5000, 'the page written')
  const before = reference.body.toString()
  clients.destroyAll()

  const url = `${server.wsUrl}/${pageId}?token=${token}`
  const random = prng(20261201)
  const codes = new Map<number, number>()
  const sent = new Map<string, number>()
  let next = 0
  let rssAfterWarmUp = 0
  const worker = async () => {
    while (next < MESSAGES) {
      const index = next++
      const [name, generate] = GENERATORS[index % GENERATORS.length] as [string, Generator]
      sent.set(name, (sent.get(name) ?? 0) + 1)
      const code = await sendOne(url, generate(random))
      codes.set(code, (codes.get(code) ?? 0) + 1)
      if (index === 5000) rssAfterWarmUp = await metric('tisserand_process_resident_memory_bytes')
    }
  }
  await Promise.all(Array.from({ length: SOCKETS_AT_ONCE }, worker))

  // Every generator ran, and every socket was closed for its bad message.
  for (const [name] of GENERATORS)
    expect(sent.get(name), name).toBeGreaterThan(MESSAGES / GENERATORS.length - 2)
  expect(codes.get(CloseCode.malformed)).toBe(MESSAGES)

  // Up, no leaked sockets or rooms, memory flat.
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
  await waitFor(
    async () => (await metric('tisserand_ws_connections')) === 0,
    10_000,
    'every socket to be gone',
  )
  expect(await metric('tisserand_docs_loaded')).toBeLessThanOrEqual(1)
  const rssAfter = await metric('tisserand_process_resident_memory_bytes')
  expect(rssAfter, `RSS ${rssAfterWarmUp} → ${rssAfter}`).toBeLessThan(rssAfterWarmUp * 1.5)

  // The page is what it was.
  const after = await clients.connect(server.wsUrl, pageId, token)
  expect(after.body.toString()).toBe(before)
})
