/** Runs the chosen scenarios against the chosen systems and gathers every result and floor. */
import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { openAccess } from './access.ts'
import { type BenchConfig, CONFIGS, type Mode } from './config.ts'
import { type BenchContext, createContext, disposeContext, newDataDir, startSystem } from './context.ts'
import {
  type ApplyFloor,
  measureApplyLoop,
  measureStateLoad,
  type StateLoadFloor,
} from './floors/applyLoop.ts'
import { type AppendFloor, measureSqliteAppend } from './floors/sqliteAppend.ts'
import { setQuietWait } from './metrics.ts'
import { type Frame, topFrames } from './profile.ts'
import { type ColdLoadResult, runColdLoad } from './scenarios/s4ColdLoad.ts'
import { type KillResult, runKill } from './scenarios/s5Kill.ts'
import { runSaturation, type SaturationResult } from './scenarios/s6Saturation.ts'
import {
  runTrafficScenario,
  type TrafficScenarioId,
  type TrafficScenarioResult,
} from './scenarios/traffic.ts'
import { TrafficSession } from './session.ts'
import { ALL_SYSTEM_IDS, SYSTEMS, type SystemId } from './systems.ts'
import { loadTrace } from './trace.ts'

export type ScenarioId = TrafficScenarioId | 'S4' | 'S5' | 'S6'
export const ALL_SCENARIOS: ScenarioId[] = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']

export interface BenchOptions {
  mode: Mode
  systems?: SystemId[]
  scenarios?: ScenarioId[]
  /** CPU for the servers (the load generator should be pinned elsewhere by the caller), or null. */
  serverCpu: number | null
  /** Re-run missed targets with `--cpu-prof` on Tisserand and keep the top frames. */
  profileMisses?: boolean
  /** Scenarios (S1…) whose targets are profiled even when met (`pnpm bench --profile=S1`). */
  profileScenarios?: string[]
  log?: (message: string) => void
}

export type Failed = { system: string; error: string }

export interface TraceInfo {
  operations: number
  paragraphs: number
  characters: number
  updateBytes: number
  stateBytes: number
}

export interface Target {
  id: string
  description: string
  result: string
  met: boolean | null
}

export interface BenchResults {
  mode: Mode
  config: BenchConfig
  startedAt: Date
  seconds: number
  systems: SystemId[]
  traffic: Partial<Record<TrafficScenarioId, (TrafficScenarioResult | Failed)[]>>
  coldLoad: ColdLoadResult[]
  trace: TraceInfo | null
  stateFloor: StateLoadFloor | null
  kill: KillResult[]
  saturation: SaturationResult[]
  applyFloor: ApplyFloor | null
  sqliteFloors: AppendFloor[]
  targets: Target[]
  profiles: { target: string; frames: Frame[] }[]
}

export function isFailed<T extends object>(result: T | Failed): result is Failed {
  return 'error' in result && typeof (result as Failed).error === 'string' && !('scenario' in result)
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? (() => {})
  const config = CONFIGS[options.mode]
  const systems = options.systems ?? ALL_SYSTEM_IDS
  const scenarios = options.scenarios ?? ALL_SCENARIOS
  const context = createContext(options.mode, config, options.serverCpu, log)
  setQuietWait(options.mode === 'smoke' ? 0 : 20000)
  const started = performance.now()
  const results: BenchResults = {
    mode: options.mode,
    config,
    startedAt: new Date(),
    seconds: 0,
    systems,
    traffic: {},
    coldLoad: [],
    trace: null,
    stateFloor: null,
    kill: [],
    saturation: [],
    applyFloor: null,
    sqliteFloors: [],
    targets: [],
    profiles: [],
  }
  const captured: { doc: number; update: Uint8Array }[] = []
  const capturedFrom = new Set<TrafficScenarioId>()
  try {
    for (const scenario of ['S1', 'S2', 'S3'] as const) {
      if (!scenarios.includes(scenario)) continue
      const list: (TrafficScenarioResult | Failed)[] = []
      for (const id of systems) {
        log(`${scenario} ${id}`)
        try {
          // The floor replays the updates of the first system's S1 and S2 runs (S2's doc as -1).
          const capture = (scenario === 'S1' || scenario === 'S2') && !capturedFrom.has(scenario)
          const result = await runTrafficScenario(context, SYSTEMS[id], scenario, capture)
          if (capture && result.captured.length > 0) {
            capturedFrom.add(scenario)
            const doc = (c: { doc: number }): number => (scenario === 'S2' ? -1 : c.doc)
            captured.push(...result.captured.map((c) => ({ doc: doc(c), update: c.update })))
          }
          result.captured = []
          list.push(result)
          log(
            `  delivered ${result.deliveredPerSec.toFixed(0)}/s p99 ${result.latency.p99.toFixed(1)} ms cpu ${result.serverCpuPct.toFixed(0)} % loadgen ${result.loadgenCpuPct.toFixed(0)} % others ${result.foreignCpuPct.toFixed(0)} %`,
          )
        } catch (error) {
          list.push({ system: id, error: message(error) })
          log(`  failed: ${message(error)}`)
        }
      }
      results.traffic[scenario] = list
    }
    if (captured.length > 0) {
      results.applyFloor = measureApplyLoop(captured)
      const updates = captured.map((c) => c.update)
      results.sqliteFloors = [
        measureSqliteAppend(context.tmpRoot, updates, 'NORMAL'),
        measureSqliteAppend(context.tmpRoot, updates, 'FULL'),
      ]
      log(
        `floors: applyUpdate ${results.applyFloor.usPerUpdate.toFixed(1)} µs/update over ${captured.length}, SQLite append ${results.sqliteFloors.map((f) => `${f.usPerAppend.toFixed(1)} µs (${f.synchronous})`).join(', ')}`,
      )
    }
    if (scenarios.includes('S4')) {
      log(`S4 trace (${config.s4.operations} operations)`)
      const trace = loadTrace(config.s4.operations)
      results.trace = {
        operations: trace.updates.length,
        paragraphs: trace.paragraphs,
        characters: trace.characters,
        updateBytes: trace.updates.reduce((sum, u) => sum + u.byteLength, 0),
        stateBytes: trace.state.byteLength,
      }
      results.stateFloor = measureStateLoad(trace.state)
      for (const id of systems) {
        if (!SYSTEMS[id].persistent) continue
        log(`S4 ${id}`)
        const result = await runColdLoad(context, SYSTEMS[id], trace)
        results.coldLoad.push(result)
        log(
          `  ingest ${result.ingestPerSec.toFixed(0)}/s, cold ${result.coldLoadSeparateMs.toFixed(0)} / ${result.coldLoadCompactedMs.toFixed(0)} ms${result.error ? ` error: ${result.error}` : ''}`,
        )
      }
    }
    if (scenarios.includes('S5')) {
      for (const id of systems) {
        if (SYSTEMS[id].floor) continue
        log(`S5 ${id}`)
        const result = await runKill(context, SYSTEMS[id])
        results.kill.push(result)
        log(
          `  typed ${result.typed} accepted ${result.accepted} lost ${result.lost}${result.error ? ` error: ${result.error}` : ''}`,
        )
      }
    }
    if (scenarios.includes('S6')) {
      for (const id of systems) {
        log(`S6 ${id}`)
        const result = await runSaturation(context, SYSTEMS[id])
        results.saturation.push(result)
        log(`  sustained ${result.sustainedPerSec.toFixed(0)}/s, stopped by ${result.stoppedBy}`)
      }
    }
    results.targets = evaluateTargets(results)
    if (options.profileMisses && systems.includes('tisserand')) {
      // One profile per scenario: two missed targets of S1 (latency, presence) share a re-run.
      const profiled = new Set<string>()
      for (const target of results.targets) {
        const scenario = target.id.slice(0, 2)
        const asked = options.profileScenarios?.includes(scenario) ?? false
        if ((target.met !== false && !asked) || profiled.has(scenario)) continue
        profiled.add(scenario)
        log(`profiling Tisserand for ${target.id}`)
        results.profiles.push({ target: target.id, frames: await profileTarget(context, target.id) })
      }
    }
  } finally {
    results.seconds = (performance.now() - started) / 1000
    disposeContext(context)
  }
  return results
}

const PEERS: SystemId[] = ['yws-memory', 'yws-sqlite', 'hocuspocus']

function trafficOf(
  results: BenchResults,
  scenario: TrafficScenarioId,
  id: SystemId,
): TrafficScenarioResult | null {
  const found = results.traffic[scenario]?.find((r) => r.system === id)
  return found && !isFailed(found) ? (found as TrafficScenarioResult) : null
}

export function evaluateTargets(results: BenchResults): Target[] {
  const targets: Target[] = []
  for (const scenario of ['S1', 'S2'] as const) {
    const own = trafficOf(results, scenario, 'tisserand')
    const peers = PEERS.map((id) => trafficOf(results, scenario, id)).filter((r) => r !== null)
    if (!own || peers.length === 0) continue
    const best = peers.reduce((a, b) => (a.latency.p99 <= b.latency.p99 ? a : b))
    targets.push({
      id: `${scenario} p99`,
      description: `${scenario} p99 latency no worse than the best peer`,
      result: `${own.latency.p99.toFixed(1)} ms vs ${best.latency.p99.toFixed(1)} ms (${best.system})`,
      met: own.latency.p99 <= best.latency.p99,
    })
  }
  for (const scenario of ['S1', 'S2'] as const) {
    const own = trafficOf(results, scenario, 'tisserand')?.presenceLatency
    const stock = trafficOf(results, scenario, 'yws-memory')?.presenceLatency
    if (!own || !stock) continue
    targets.push({
      id: `${scenario} presence`,
      description: `${scenario} presence p99 within 2× the stock server’s (typists’ cursors)`,
      result: `${own.p99.toFixed(1)} ms vs ${stock.p99.toFixed(1)} ms (${(own.p99 / stock.p99).toFixed(2)}×)`,
      met: own.p99 <= 2 * stock.p99,
    })
  }
  const s3 = trafficOf(results, 'S3', 'tisserand')
  const s3Stock = trafficOf(results, 'S3', 'yws-memory')
  if (s3 && s3Stock) {
    // Per delivered update: with non-coalescing servers the one load-generator core cannot take
    // every presence update (each stock client also sends every change it receives back), so the
    // same offered load delivers less on them, and raw CPU % would flatter them.
    const perDelivered = s3.serverCpuUsPerDelivered / s3Stock.serverCpuUsPerDelivered
    targets.push({
      id: 'S3 CPU',
      description: 'S3 server CPU at most half the stock server’s (per delivered presence update)',
      result: `${s3.serverCpuUsPerDelivered.toFixed(1)} vs ${s3Stock.serverCpuUsPerDelivered.toFixed(1)} µs / delivered (${perDelivered.toFixed(2)}×); raw ${s3.serverCpuPct.toFixed(1)} % vs ${s3Stock.serverCpuPct.toFixed(1)} % at ${s3.deliveredPerSec.toFixed(0)} vs ${s3Stock.deliveredPerSec.toFixed(0)} delivered/s`,
      met: perDelivered <= 0.5,
    })
  }
  const s4 = results.coldLoad.find((r) => r.system === 'tisserand')
  if (s4 && results.stateFloor) {
    const floor = results.stateFloor.medianMs
    targets.push({
      id: 'S4 cold load',
      description: 'S4 cold load of the compacted history under 2× the Y.applyUpdate floor',
      result: s4.error
        ? `error: ${s4.error}`
        : `${s4.coldLoadCompactedMs.toFixed(0)} ms vs floor ${floor.toFixed(0)} ms (${(s4.coldLoadCompactedMs / floor).toFixed(2)}×)`,
      met: s4.error ? false : s4.coldLoadCompactedMs < 2 * floor && s4.contentOk,
    })
  }
  const s5 = results.kill.find((r) => r.system === 'tisserand')
  if (s5) {
    targets.push({
      id: 'S5 lost',
      description: 'S5 zero accepted edits lost after kill -9',
      result: s5.error ? `error: ${s5.error}` : `${s5.lost} lost of ${s5.accepted} accepted`,
      met: !s5.error && s5.lost === 0 && s5.accepted > 0,
    })
  }
  const s6 = results.saturation.find((r) => r.system === 'tisserand')
  const s6Stock = results.saturation.find((r) => r.system === 'yws-memory')
  if (s6 && s6Stock) {
    targets.push({
      id: 'S6 rate',
      description: 'S6 sustained rate at least the stock server’s',
      result: `${s6.sustainedPerSec.toFixed(0)}/s vs ${s6Stock.sustainedPerSec.toFixed(0)}/s`,
      met: s6.sustainedPerSec >= s6Stock.sustainedPerSec,
    })
  }
  return targets
}

/** Re-runs the scenario behind a missed target on Tisserand with `--cpu-prof`. */
async function profileTarget(context: BenchContext, targetId: string): Promise<Frame[]> {
  const dir = mkdtempSync(join(context.tmpRoot, 'profile-'))
  const profiling: BenchContext = { ...context, profileDir: dir }
  const system = SYSTEMS.tisserand
  const scenario = targetId.slice(0, 2)
  try {
    if (scenario === 'S1' || scenario === 'S2' || scenario === 'S3') {
      // Half-size traffic is enough for a profile and keeps the run short.
      await runTrafficScenario({ ...profiling, config: halfTraffic(context.config) }, system, scenario, false)
    } else if (scenario === 'S4') {
      const trace = loadTrace(context.config.s4.operations)
      await runColdLoad(context, system, trace, dir)
    } else if (scenario === 'S6') {
      const server = await startSystem(profiling, system, newDataDir(context, 'profile-S6'))
      try {
        const access = await openAccess(system, server)
        const session = await TrafficSession.open(
          system,
          server,
          {
            docs: context.config.s6.docs,
            clientsPerDoc: 2,
            typistsPerDoc: 1,
            typingRate: 100,
            moversPerDoc: 0,
            moveRate: 1,
            prefill: 0,
            docPrefix: 's6',
            seed: 606,
          },
          access,
        )
        session.start()
        await session.measure(4000)
        await session.close()
      } finally {
        await server.stop()
      }
    } else {
      return []
    }
    return topFrames(dir)
  } catch (error) {
    context.log(`  profiling failed: ${message(error)}`)
    return []
  }
}

function halfTraffic(config: BenchConfig): BenchConfig {
  return {
    ...config,
    s1: {
      ...config.s1,
      docs: Math.max(1, Math.round(config.s1.docs / 2)),
      measureMs: config.s1.measureMs / 2,
    },
    s2: { ...config.s2, measureMs: config.s2.measureMs / 2 },
    s3: { ...config.s3, measureMs: config.s3.measureMs / 2 },
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
