/**
 * Several instances (issue 15): delivery latency (p50/p99, from a typist's keystroke to its
 * arrival at every other client) and server CPU per delivered update, for S1 (many documents,
 * one typist each) and S2 (one hot document), on four set-ups:
 *   - one instance on SQLite (as shipped),
 *   - one instance on PostgreSQL,
 *   - two instances on PostgreSQL and Redis, clients spread over both (every other client on the
 *     second instance, so most deliveries cross instances).
 *
 *   pnpm bench:scale        (SCALE_MEASURE_S=10 by default; part of `pnpm bench`)
 *
 * Writes the "Several instances" section of docs/benchmarks.md, leaving other sections alone.
 * Sizes are small on purpose (this machine's cores are shared): the numbers compare set-ups.
 */
import fs from 'node:fs'
import os from 'node:os'
import * as Y from 'yjs'
import { asOwner } from '../support/api.ts'
import { connectClient, type TestClient } from '../support/clients.ts'
import { startCluster, type TestCluster } from '../support/cluster.ts'
import { startServer, type TestServer } from '../support/server.ts'
import { createDatabase } from '../support/services.ts'
import { writeBenchSection } from './doc-section.ts'

// Dozens of providers in one process each add a process 'exit' listener.
process.setMaxListeners(0)
const MEASURE_MS = Number(process.env.SCALE_MEASURE_S ?? 10) * 1000
const WARMUP_MS = 2000
const KEYS_PER_S = 5
const S1 = { docs: 10, clientsPerDoc: 3 }
const S2 = { clients: 20, typists: 4 }

type SetupId = 'sqlite-1' | 'postgres-1' | 'postgres-redis-2'
const SETUPS: { id: SetupId; label: string }[] = [
  { id: 'sqlite-1', label: 'one instance, SQLite' },
  { id: 'postgres-1', label: 'one instance, PostgreSQL' },
  { id: 'postgres-redis-2', label: 'two instances, PostgreSQL + Redis' },
]

interface Setup {
  servers: TestServer[]
  stop(): Promise<void>
}

async function start(id: SetupId): Promise<Setup> {
  const env = { SYNC_INVARIANT_GUARD: '0' }
  if (id === 'sqlite-1') {
    const server = await startServer({ env })
    return { servers: [server], stop: async () => void (await server.kill('SIGTERM')) }
  }
  if (id === 'postgres-1') {
    const database = await createDatabase('bench')
    const server = await startServer({ env: { ...env, DATABASE_URL: database.url } })
    return {
      servers: [server],
      stop: async () => {
        await server.kill('SIGTERM')
        await database.drop()
      },
    }
  }
  const cluster: TestCluster = await startCluster(2, 'bench', env)
  return { servers: cluster.servers, stop: () => cluster.stop() }
}

/** utime + stime of a process, in microseconds (Linux /proc). */
function cpuMicros(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  return (ticks / 100) * 1e6
}

interface Measured {
  p50: number
  p99: number
  deliveries: number
  cpuPerDelivery: number
}

/** Clients and typists on pages; every received update is matched to its keystroke's time. */
async function measure(setup: Setup, scenario: 'S1' | 'S2'): Promise<Measured> {
  const [first] = setup.servers
  if (!first) throw new Error('no server')
  const { token, newPage } = await asOwner(first)
  const docs = scenario === 'S1' ? S1.docs : 1
  const perDoc = scenario === 'S1' ? S1.clientsPerDoc : S2.clients
  const typistsPerDoc = scenario === 'S1' ? 1 : S2.typists
  const sent = new Map<string, number>()
  const latencies: number[] = []
  let measuring = false
  const clients: TestClient[] = []
  const typists: TestClient[] = []
  let spread = 0
  for (let d = 0; d < docs; d++) {
    const pageId = await newPage(`Bench ${scenario} ${d}`, 'note')
    for (let c = 0; c < perDoc; c++) {
      const server = setup.servers[spread++ % setup.servers.length] as TestServer
      const client = connectClient(server.wsUrl, pageId, { token })
      clients.push(client)
      if (c < typistsPerDoc) typists.push(client)
      client.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (!measuring || origin !== client.provider) return
        const { from } = Y.parseUpdateMeta(update)
        for (const [id, clock] of from) {
          const at = sent.get(`${id}:${clock}`)
          if (at !== undefined) latencies.push(performance.now() - at)
        }
      })
    }
  }
  await Promise.all(clients.map((c) => c.synced))
  const texts = typists.map((t) => {
    const paragraph = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    paragraph.insert(0, [text])
    t.body.insert(t.body.length, [paragraph])
    return text
  })
  let typing = true
  const loops = typists.map(async (typist, i) => {
    const text = texts[i] as Y.XmlText
    // Typists start out of step, as people do.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * (1000 / KEYS_PER_S)))
    while (typing) {
      sent.set(
        `${typist.doc.clientID}:${Y.getState(typist.doc.store, typist.doc.clientID)}`,
        performance.now(),
      )
      text.insert(text.length, 'a')
      await new Promise((resolve) => setTimeout(resolve, 1000 / KEYS_PER_S))
    }
  })
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS))
  const pids = setup.servers.map((s) => s.proc.pid as number)
  const cpuBefore = pids.reduce((sum, pid) => sum + cpuMicros(pid), 0)
  measuring = true
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS))
  measuring = false
  const cpu = pids.reduce((sum, pid) => sum + cpuMicros(pid), 0) - cpuBefore
  typing = false
  await Promise.all(loops)
  for (const c of clients) c.destroy()
  latencies.sort((x, y) => x - y)
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN
  return {
    p50: at(0.5),
    p99: at(0.99),
    deliveries: latencies.length,
    cpuPerDelivery: cpu / Math.max(1, latencies.length),
  }
}

const rows: string[] = []
for (const setup of SETUPS) {
  for (const scenario of ['S1', 'S2'] as const) {
    const running = await start(setup.id)
    try {
      const m = await measure(running, scenario)
      process.stdout.write(`${setup.id} ${scenario}: ${JSON.stringify(m)}\n`)
      rows.push(
        `| ${scenario} | ${setup.label} | ${m.p50.toFixed(1)} | ${m.p99.toFixed(1)} | ${m.deliveries} | ${m.cpuPerDelivery.toFixed(0)} |`,
      )
    } finally {
      await running.stop()
    }
  }
}

writeBenchSection(
  'scale',
  'Several instances (PostgreSQL, Redis)',
  [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} shared cores (${os.cpus()[0]?.model ?? 'unknown CPU'}, load average ${os.loadavg()[0]?.toFixed(1)} at the end: other work ran beside it, so p99 is noisy), \`pnpm bench:scale\` (tests/bench/scale.ts).`,
    `S1: ${S1.docs} documents × ${S1.clientsPerDoc} clients, one typist each; S2: one document, ${S2.clients} clients, ${S2.typists} typists; ${KEYS_PER_S} keys/s per typist, ${MEASURE_MS / 1000} s measured after ${WARMUP_MS / 1000} s. With two instances the clients alternate between them, so most deliveries cross instances (commit in PostgreSQL, Redis publish, apply, send).`,
    '',
    '| scenario | set-up | p50 ms | p99 ms | deliveries | server CPU µs / delivered |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    'Latency = from the keystroke at the typist to the update applied at each other client. CPU = user + system time of every server process during the measured window / deliveries.',
  ].join('\n'),
)
process.exit(0)
