/**
 * `pnpm bench [--quick] [--systems=a,b] [--scenarios=S1,S2] [--no-profile] [--profile=S1,…] [--out=file]`: runs the
 * sync benchmark and writes docs/benchmarks.md (unless --out says elsewhere, or --no-write).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { ALL_SCENARIOS, runBench, type ScenarioId } from './harness.ts'
import { killAllServers, pinProcess } from './process.ts'
import { REPORT_PATH, renderReport } from './report.ts'
import { ALL_SYSTEM_IDS, KNOWN_SYSTEM_IDS, type SystemId } from './systems.ts'

const args = process.argv.slice(2)
const flag = (name: string): boolean => args.includes(`--${name}`)
const option = (name: string): string | undefined =>
  args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)

const mode = flag('quick') ? 'quick' : 'full'
const systems = (option('systems')?.split(',') ?? ALL_SYSTEM_IDS) as SystemId[]
const scenarios = (option('scenarios')?.split(',') ?? ALL_SCENARIOS) as ScenarioId[]
for (const id of systems) if (!KNOWN_SYSTEM_IDS.includes(id)) throw new Error(`unknown system ${id}`)
for (const id of scenarios) if (!ALL_SCENARIOS.includes(id)) throw new Error(`unknown scenario ${id}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllServers()
    process.exit(130)
  })
}
// Hundreds of providers in one process each add a process 'exit' listener.
process.setMaxListeners(0)
const pinned = pinProcess(process.pid, 0)
const started = Date.now()
const log = (message: string): void => {
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`)
}
log(
  `mode ${mode}, systems ${systems.join(', ')}, scenarios ${scenarios.join(', ')}${pinned ? '' : ' (taskset unavailable: not pinned)'}`,
)

const results = await runBench({
  mode,
  systems,
  scenarios,
  serverCpu: pinned ? 1 : null,
  profileMisses: !flag('no-profile'),
  profileScenarios: option('profile')?.split(','),
  log,
})
for (const target of results.targets) {
  log(`target ${target.id}: ${target.result} → ${target.met ? 'met' : 'MISSED'}`)
}
if (!flag('no-write')) {
  const out = option('out') ?? REPORT_PATH
  let previous: string | null = null
  try {
    previous = readFileSync(out, 'utf8')
  } catch {
    previous = null
  }
  writeFileSync(out, renderReport(results, previous))
  log(`wrote ${out}`)
}
log(`done in ${results.seconds.toFixed(0)} s`)
process.exit(0)
