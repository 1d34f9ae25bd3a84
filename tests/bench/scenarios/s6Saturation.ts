/**
 * S6: saturation. Typists in several documents (one watcher each) raise their total keystroke rate
 * step by step until the p99 latency passes the limit, deliveries fall behind, or the load generator
 * itself cannot keep the schedule (then the result is a lower bound, and says so).
 */
import { openAccess } from '../access.ts'
import { type BenchContext, newDataDir, startSystem } from '../context.ts'
import { TrafficSession, type WindowResult } from '../session.ts'
import type { SystemDef } from '../systems.ts'
import { BUSY_PCT } from './traffic.ts'

export interface SaturationStep extends WindowResult {
  targetPerSec: number
  passed: boolean
}

export interface SaturationResult {
  system: string
  steps: SaturationStep[]
  /** Highest total keystroke rate that passed. */
  sustainedPerSec: number
  /** Why the ramp stopped. */
  stoppedBy: 'latency' | 'delivery' | 'load generator' | 'max steps'
  error?: string
}

export async function runSaturation(context: BenchContext, system: SystemDef): Promise<SaturationResult> {
  const { s6 } = context.config
  const dataDir = newDataDir(context, `${system.id}-S6`)
  const result: SaturationResult = {
    system: system.id,
    steps: [],
    sustainedPerSec: 0,
    stoppedBy: 'max steps',
  }
  const server = await startSystem(context, system, dataDir)
  try {
    const access = await openAccess(system, server)
    const session = await TrafficSession.open(
      system,
      server,
      {
        docs: s6.docs,
        clientsPerDoc: 2,
        typistsPerDoc: 1,
        typingRate: s6.startRate / s6.docs,
        moversPerDoc: 0,
        moveRate: 1,
        prefill: 0,
        docPrefix: 's6',
        seed: 606,
      },
      access,
    )
    session.start()
    let target = s6.startRate
    for (let step = 0; step < s6.maxSteps; step++) {
      session.setTypingRate(target / s6.docs)
      await new Promise((resolve) => setTimeout(resolve, s6.warmupMs))
      let window = await session.measure(s6.measureMs, 2000)
      // The machine is shared: a failing step is measured again (twice at most) when other
      // processes were busy during it, or once when it failed on latency alone.
      for (let retry = 0; retry < 2; retry++) {
        const failed = window.latency.p99 > s6.p99LimitMs || window.offeredPerSec < 0.9 * target
        const busy = window.foreignCpuPct > BUSY_PCT
        if (!failed || (!busy && retry > 0)) break
        window = await session.measure(s6.measureMs, 2000)
      }
      const latencyOk = window.latency.p99 <= s6.p99LimitMs
      const deliveryOk = window.deliveryRatio >= 0.99
      const loadgenOk = window.offeredPerSec >= 0.9 * target
      const passed = latencyOk && deliveryOk && loadgenOk
      result.steps.push({ ...window, targetPerSec: target, passed })
      context.log(
        `    S6 ${system.id} ${Math.round(target)}/s: p99 ${window.latency.p99.toFixed(1)} ms, delivered ${(window.deliveryRatio * 100).toFixed(1)} %, loadgen ${window.loadgenCpuPct.toFixed(0)} %, other processes ${window.foreignCpuPct.toFixed(0)} %`,
      )
      if (!passed) {
        result.stoppedBy = !loadgenOk ? 'load generator' : !latencyOk ? 'latency' : 'delivery'
        break
      }
      result.sustainedPerSec = window.offeredPerSec
      target *= s6.factor
    }
    await session.close()
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error)
  } finally {
    await server.stop()
  }
  return result
}
