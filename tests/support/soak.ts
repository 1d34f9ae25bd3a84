/**
 * The soak, shared by its short test (tests/integration/soak.test.ts) and its full run in the
 * benchmark (tests/bench/soak.ts): sockets spread over pages type and move their cursors for a
 * while, then leave; the server's own metrics say what is left once the pages have unloaded.
 * The server runs with --expose-gc so that each metrics scrape measures live memory.
 */
import { asOwner } from './api.ts'
import { syncedClients, type TestClient } from './clients.ts'
import { prng } from './edits.ts'
import { startServer, type TestServer, waitFor } from './server.ts'
import { writeParagraph } from './wiki.ts'

export interface SoakOptions {
  sockets: number
  pages: number
  seconds: number
  /** Server settings besides the soak's own (the benchmark turns the stored-state guard off). */
  env?: Record<string, string>
  /** Runs the compiled server (see StartOptions.compiledEntry). */
  compiledEntry?: string
  log?: (message: string) => void
}

export interface SoakSample {
  rssBytes: number
  heapBytes: number
  timers: number
  connections: number
  docsLoaded: number
}

export interface SoakResult {
  /** After a warm-up on every page and its unloading: what serving this load costs at rest. */
  baseline: SoakSample
  /** At the end of the typing, every socket still open. */
  during: SoakSample
  /** Once every socket closed, every page unloaded, debounced work wound down and RSS settled. */
  after: SoakSample
  /** How long after the unloading RSS took to settle. */
  settledSeconds: number
  keystrokes: number
  seconds: number
}

async function scrape(server: TestServer): Promise<Map<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`)).text()
  const values = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue
    values.set(line.slice(0, line.lastIndexOf(' ')), Number(line.slice(line.lastIndexOf(' ') + 1)))
  }
  return values
}

async function sample(server: TestServer): Promise<SoakSample> {
  const m = await scrape(server)
  return {
    rssBytes: m.get('tisserand_process_resident_memory_bytes') ?? Number.NaN,
    heapBytes: m.get('tisserand_nodejs_heap_size_used_bytes') ?? Number.NaN,
    timers: [...m]
      .filter(([name]) => name.startsWith('tisserand_pending_timers{'))
      .reduce((sum, [, v]) => sum + v, 0),
    connections: m.get('tisserand_ws_connections') ?? Number.NaN,
    docsLoaded: m.get('tisserand_docs_loaded') ?? Number.NaN,
  }
}

/** What an idle server gives back takes V8 some seconds (its memory reducer runs once idle). */
const SETTLE_STEP_MS = 5000
const SETTLE_MAX_MS = 60_000

/** Samples until RSS stops falling (by less than 1 % in a step), or a minute has passed. */
async function settled(server: TestServer): Promise<{ after: SoakSample; settledSeconds: number }> {
  const started = Date.now()
  let after = await sample(server)
  while (Date.now() - started < SETTLE_MAX_MS) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS))
    const next = await sample(server)
    const falling = next.rssBytes < after.rssBytes * 0.99
    after = next
    if (!falling) break
  }
  return { after, settledSeconds: Math.round((Date.now() - started) / 1000) }
}

async function untilUnloaded(server: TestServer, what: string): Promise<void> {
  await waitFor(
    async () => {
      const now = await sample(server)
      return now.docsLoaded === 0 && now.connections === 0
    },
    60_000,
    what,
  )
}

export async function runSoak({
  sockets,
  pages,
  seconds,
  env = {},
  compiledEntry,
  log = () => {},
}: SoakOptions): Promise<SoakResult> {
  const server = await startServer({
    env: { UNLOAD_GRACE_MS: '500', DERIVE_QUIET_MS: '200', NODE_OPTIONS: '--expose-gc', ...env },
    ...(compiledEntry ? { compiledEntry } : {}),
  })
  const clients = syncedClients()
  try {
    const { token, newPage } = await asOwner(server)
    const pageIds: string[] = []
    for (let i = 0; i < pages; i++) pageIds.push(await newPage(`Soak ${i}`))
    const connectAll = async (): Promise<TestClient[]> => {
      const open: TestClient[] = []
      // In batches: hundreds of handshakes at once would only measure the accept queue.
      for (let i = 0; i < sockets; i += 50)
        open.push(
          ...(await Promise.all(
            Array.from({ length: Math.min(50, sockets - i) }, (_, j) =>
              clients.connect(server.wsUrl, pageIds[(i + j) % pages] as string, token),
            ),
          )),
        )
      return open
    }
    // Warm up: every page loaded and typed into, then unloaded, so the baseline holds what serving
    // this load costs (code compiled, pools and caches grown) and the soak measures growth.
    const warm = await connectAll()
    for (let round = 0; round < 40; round++) {
      for (const c of warm) writeParagraph(c, `Échauffement ${round}`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    clients.destroyAll()
    await untilUnloaded(server, 'the warm-up pages to unload')
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const baseline = await sample(server)
    log(`baseline: RSS ${(baseline.rssBytes / 2 ** 20).toFixed(0)} MiB`)

    const random = prng(42)
    const typists = await connectAll()
    const until = Date.now() + seconds * 1000
    let keystrokes = 0
    let nextLog = Date.now() + 60_000
    await Promise.all(
      typists.map(async (client, i) => {
        while (Date.now() < until) {
          const paragraph = client.body.get(client.body.length - 1)
          const target =
            paragraph && 'get' in paragraph ? (paragraph as { get(i: number): unknown }).get(0) : null
          if (target && typeof (target as { insert?: unknown }).insert === 'function') {
            const t = target as { insert(index: number, s: string): void; length: number }
            t.insert(t.length, random() < 0.15 ? ' ' : 'a')
            keystrokes++
          }
          if (random() < 0.05) writeParagraph(client, `Ligne ${i}`)
          client.provider.awareness.setLocalStateField('cursor', { anchor: Math.floor(random() * 100) })
          if (Date.now() > nextLog) {
            nextLog += 60_000
            const now = await sample(server)
            log(
              `${keystrokes} keystrokes, RSS ${(now.rssBytes / 2 ** 20).toFixed(0)} MiB, heap ${(now.heapBytes / 2 ** 20).toFixed(0)} MiB, ${Math.round((until - Date.now()) / 1000)} s to go`,
            )
          }
          await new Promise((resolve) => setTimeout(resolve, 200 + Math.floor(random() * 300)))
        }
      }),
    )
    const during = await sample(server)
    clients.destroyAll()
    await untilUnloaded(server, 'every page to unload and every socket to close')
    // Debounced work (derivations, recent changes, version captures) winds down too.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const { after, settledSeconds } = await settled(server)
    return { baseline, during, after, keystrokes, seconds, settledSeconds }
  } catch (error) {
    // A scrape that fails after minutes of typing: say whether the server is still there and
    // what it said last, or the run only shows a network error.
    const { exitCode, signalCode } = server.proc
    const state =
      exitCode === null && signalCode === null ? 'still running' : `exited (${exitCode ?? signalCode})`
    throw new Error(`soak failed, server ${state}; its last lines:\n${server.logs.slice(-15).join('\n')}`, {
      cause: error,
    })
  } finally {
    clients.destroyAll()
    await server.kill('SIGTERM')
  }
}

export function describeSoak(r: SoakResult): string {
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`
  return (
    `RSS ${mib(r.baseline.rssBytes)} → ${mib(r.during.rssBytes)} while typing → ${mib(r.after.rssBytes)} after; ` +
    `heap ${mib(r.baseline.heapBytes)} → ${mib(r.during.heapBytes)} → ${mib(r.after.heapBytes)}; ` +
    `timers ${r.baseline.timers} → ${r.during.timers} → ${r.after.timers}; ${r.keystrokes} keystrokes`
  )
}
