/**
 * S4: cold load of a long history. The trace (~250k keystroke updates) is sent as separate updates
 * through a normal client; once the server has stored them it is killed (no chance to compact on
 * the way out), restarted, and the time for a fresh client to get the whole document is measured
 * (history as separate updates). The client then leaves and the server is stopped gracefully, which
 * lets each system compact or flush the way it does; the cold load is measured again on restarts
 * (compacted history). Each measured load follows a small warm-up document on the fresh server so
 * that the process is not JIT-cold.
 */
import * as Y from 'yjs'
import { type Access, openAccess } from '../access.ts'
import { connectClient } from '../clients.ts'
import { type BenchContext, newDataDir, startSystem } from '../context.ts'
import { directorySize, median, waitForQuiet } from '../metrics.ts'
import { createRng } from '../prng.ts'
import type { ServerProcess } from '../process.ts'
import { markWindow, monotonicUs } from '../profile.ts'
import { withTimeout } from '../session.ts'
import type { SystemDef } from '../systems.ts'
import { bodyDigest, type Trace } from '../trace.ts'
import { Typist } from '../typing.ts'

export interface ColdLoadResult {
  system: string
  operations: number
  ingestSeconds: number
  ingestPerSec: number
  /** Storage with the history as separate updates (after the kill). */
  storageSeparateBytes: number
  /** Cold load with the history as separate updates. */
  coldLoadSeparateMs: number
  /** Median cold load after compaction. */
  coldLoadCompactedMs: number
  storageCompactedBytes: number
  contentOk: boolean
  error?: string
}

const IN_FLIGHT = 20000
const CHUNK = 1000
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

interface Docs {
  access: Access
  long: string
  warmup: string
}

async function warmUp(system: SystemDef, server: ServerProcess, docs: Docs): Promise<void> {
  const writer = connectClient(system, server, docs.warmup, docs.access.auth)
  const reader = connectClient(system, server, docs.warmup, docs.access.auth)
  await withTimeout(Promise.all([writer.ready, reader.ready]), 30000, 'warm-up clients did not sync')
  const typist = new Typist(writer.doc, createRng(7))
  for (let i = 0; i < 300; i++) typist.keystroke()
  const target = Y.getState(writer.doc.store, writer.doc.clientID)
  const deadline = performance.now() + 10000
  while (Y.getState(reader.doc.store, writer.doc.clientID) < target && performance.now() < deadline)
    await sleep(10)
  writer.destroy()
  reader.destroy()
  await sleep(200)
}

async function coldLoad(
  system: SystemDef,
  server: ServerProcess,
  docs: Docs,
  trace: Trace,
): Promise<{ ms: number; ok: boolean }> {
  docs.access.rebind(server)
  await warmUp(system, server, docs)
  await waitForQuiet(server.pid)
  const mark0 = monotonicUs()
  const t0 = performance.now()
  const client = connectClient(system, server, docs.long, docs.access.auth)
  await withTimeout(client.ready, 120000, 'cold load did not finish in 120 s')
  const ms = performance.now() - t0
  markWindow(mark0, monotonicUs())
  const ok = bodyDigest(client.doc) === trace.digest
  client.destroy()
  await sleep(300)
  return { ms, ok }
}

/** With `profileDir`, only the compacted cold loads run under `node --cpu-prof`. */
export async function runColdLoad(
  context: BenchContext,
  system: SystemDef,
  trace: Trace,
  profileDir?: string,
): Promise<ColdLoadResult> {
  const dataDir = newDataDir(context, `${system.id}-S4`)
  const operations = trace.updates.length
  const result: ColdLoadResult = {
    system: system.id,
    operations,
    ingestSeconds: Number.NaN,
    ingestPerSec: Number.NaN,
    storageSeparateBytes: Number.NaN,
    coldLoadSeparateMs: Number.NaN,
    coldLoadCompactedMs: Number.NaN,
    storageCompactedBytes: Number.NaN,
    contentOk: false,
  }
  let server = await startSystem(context, system, dataDir)
  try {
    const access = await openAccess(system, server)
    const [long, warmup] = await access.createDocs('s4', 2)
    const docs: Docs = { access, long: long as string, warmup: warmup as string }
    const loader = connectClient(system, server, docs.long, access.auth)
    const observer = connectClient(system, server, docs.long, access.auth)
    await withTimeout(Promise.all([loader.ready, observer.ready]), 30000, 'S4 clients did not sync')
    const seen = (): number => Y.getState(observer.doc.store, trace.clientId)
    const t0 = performance.now()
    const ingestDeadline = t0 + (context.mode === 'full' ? 240000 : 60000)
    for (let i = 0; i < operations; i += CHUNK) {
      const waitFor = trace.clocks[i - IN_FLIGHT] ?? 0
      while (seen() < waitFor) {
        if (performance.now() > ingestDeadline)
          throw new Error(`ingest too slow: ${i} of ${operations} updates`)
        await sleep(2)
      }
      const end = Math.min(operations, i + CHUNK)
      for (let j = i; j < end; j++) Y.applyUpdate(loader.doc, trace.updates[j] as Uint8Array)
      await sleep(0)
    }
    const last = trace.clocks[operations - 1] ?? 0
    while (seen() < last) {
      if (performance.now() > ingestDeadline)
        throw new Error('ingest too slow: the last updates never arrived')
      await sleep(5)
    }
    result.ingestSeconds = (performance.now() - t0) / 1000
    result.ingestPerSec = operations / result.ingestSeconds
    // Leave time for debounced writers (Hocuspocus stores 2 s after the last change), then crash.
    await sleep(3000)
    await server.kill9()
    loader.destroy()
    observer.destroy()
    result.storageSeparateBytes = directorySize(dataDir)

    server = await startSystem(context, system, dataDir)
    const separate = await coldLoad(system, server, docs, trace)
    result.coldLoadSeparateMs = separate.ms
    let ok = separate.ok
    await sleep(1000)
    await server.stop()

    const compacted: number[] = []
    for (let i = 0; i < context.config.s4.coldLoads; i++) {
      server = await startSystem(
        context,
        system,
        dataDir,
        profileDir ? ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', profileDir] : [],
      )
      const load = await coldLoad(system, server, docs, trace)
      compacted.push(load.ms)
      ok &&= load.ok
      await server.stop()
    }
    result.coldLoadCompactedMs = median(compacted)
    result.storageCompactedBytes = directorySize(dataDir)
    result.contentOk = ok
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error)
  } finally {
    await server.stop()
  }
  return result
}
