/**
 * A short soak (the full one, 500 sockets for 10 minutes, is SOAK_SOCKETS=500 SOAK_SECONDS=600):
 * sockets on as many pages type and move their cursors for a while, then leave. Once the pages
 * have unloaded, no room, connection or timer is left behind and the memory is back within 10 %.
 */
import { afterAll, expect, test } from 'vitest'
import { asOwner } from '../support/api.ts'
import { syncedClients } from '../support/clients.ts'
import { prng } from '../support/edits.ts'
import { startServer, type TestServer, waitFor } from '../support/server.ts'
import { writeParagraph } from '../support/wiki.ts'

const SOCKETS = Number(process.env.SOAK_SOCKETS ?? 100)
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60)

let server: TestServer | null = null
const clients = syncedClients()
afterAll(async () => {
  clients.destroyAll()
  await server?.kill('SIGTERM')
})

async function metrics(): Promise<Map<string, number>> {
  const text = await (await fetch(`${server?.url}/metrics`)).text()
  const values = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue
    const [name, value] = [line.slice(0, line.lastIndexOf(' ')), line.slice(line.lastIndexOf(' ') + 1)]
    values.set(name, Number(value))
  }
  return values
}

test(`soak: ${SOCKETS} sockets on ${SOCKETS} pages typing and moving for ${SECONDS} s leave nothing behind`, {
  timeout: (SECONDS + 240) * 1000,
}, async () => {
  server = await startServer({ env: { UNLOAD_GRACE_MS: '500', DERIVE_QUIET_MS: '200' } })
  const { token, newPage } = await asOwner(server)
  const pageIds: string[] = []
  for (let i = 0; i < SOCKETS; i++) pageIds.push(await newPage(`Soak ${i}`))
  // Warm up: every page loaded once, then unloaded, so the baseline holds what serving costs.
  const warm = await Promise.all(pageIds.map((id) => clients.connect(server?.wsUrl ?? '', id, token)))
  for (const c of warm) writeParagraph(c, 'Échauffement')
  clients.destroyAll()
  await waitFor(
    async () => (await metrics()).get('tisserand_docs_loaded') === 0,
    20_000,
    'the warm-up pages to unload',
  )
  const baseline = await metrics()

  const random = prng(42)
  const typists = await Promise.all(pageIds.map((id) => clients.connect(server?.wsUrl ?? '', id, token)))
  const until = Date.now() + SECONDS * 1000
  let keystrokes = 0
  await Promise.all(
    typists.map(async (client, i) => {
      const text = client.body.get(0)
      while (Date.now() < until) {
        const paragraph = client.body.get(client.body.length - 1)
        const target =
          paragraph && 'get' in paragraph ? (paragraph as { get(i: number): unknown }).get(0) : text
        if (target && typeof (target as { insert?: unknown }).insert === 'function') {
          const t = target as { insert(index: number, s: string): void; length: number }
          t.insert(t.length, random() < 0.15 ? ' ' : 'a')
          keystrokes++
        }
        if (random() < 0.05) writeParagraph(client, `Ligne ${i}`)
        client.provider.awareness.setLocalStateField('cursor', { anchor: Math.floor(random() * 100) })
        await new Promise((resolve) => setTimeout(resolve, 200 + Math.floor(random() * 300)))
      }
    }),
  )
  expect(keystrokes).toBeGreaterThan(SOCKETS * SECONDS)
  const during = await metrics()
  expect(during.get('tisserand_ws_connections')).toBe(SOCKETS)
  clients.destroyAll()

  await waitFor(
    async () => {
      const now = await metrics()
      return now.get('tisserand_docs_loaded') === 0 && now.get('tisserand_ws_connections') === 0
    },
    30_000,
    'every page to unload and every socket to close',
  )
  // Debounced work (derivations, recent changes, version captures) winds down too.
  await new Promise((resolve) => setTimeout(resolve, 3000))
  const after = await metrics()
  const rss = (m: Map<string, number>) => m.get('tisserand_process_resident_memory_bytes') ?? Number.NaN
  const timers = (m: Map<string, number>) =>
    [...m].filter(([name]) => name.startsWith('tisserand_pending_timers{')).reduce((sum, [, v]) => sum + v, 0)
  console.log(
    `soak: RSS ${(rss(baseline) / 2 ** 20).toFixed(0)} MiB → ${(rss(during) / 2 ** 20).toFixed(0)} MiB while typing → ${(rss(after) / 2 ** 20).toFixed(0)} MiB after; timers ${timers(baseline)} → ${timers(during)} while typing → ${timers(after)}; ${keystrokes} keystrokes`,
  )
  expect(rss(after)).toBeLessThan(rss(baseline) * 1.1)
  expect(timers(during)).toBeGreaterThan(0)
  expect(timers(after)).toBe(0)
})
