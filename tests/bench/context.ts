/** What every scenario gets: the mode's sizes, where to put data, how to start a system. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchConfig, Mode } from './config.ts'
import { freePort, launch, type ServerProcess } from './process.ts'
import type { SystemDef } from './systems.ts'

export interface BenchContext {
  mode: Mode
  config: BenchConfig
  /** CPU the servers are pinned to, or null when not pinning (smoke test). */
  serverCpu: number | null
  /** Root of this run's temporary data directories. */
  tmpRoot: string
  log(message: string): void
  /** When set, servers run with `--cpu-prof` writing there (profiling passes only). */
  profileDir?: string
}

export function createContext(
  mode: Mode,
  config: BenchConfig,
  serverCpu: number | null,
  log: (m: string) => void,
): BenchContext {
  return { mode, config, serverCpu, tmpRoot: mkdtempSync(join(tmpdir(), 'tisserand-bench-')), log }
}

export function disposeContext(context: BenchContext): void {
  // BENCH_KEEP=1 keeps data directories and CPU profiles for a closer look (the path is logged).
  if (process.env.BENCH_KEEP === '1') context.log(`kept ${context.tmpRoot}`)
  else rmSync(context.tmpRoot, { recursive: true, force: true })
}

let dirCounter = 0
export function newDataDir(context: BenchContext, label: string): string {
  dirCounter += 1
  return mkdtempSync(join(context.tmpRoot, `${label}-${dirCounter}-`))
}

export async function startSystem(
  context: BenchContext,
  system: SystemDef,
  dataDir: string,
  extraNodeArgs: string[] = context.profileDir
    ? ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', context.profileDir]
    : [],
): Promise<ServerProcess> {
  const port = await freePort()
  const spec = system.launch(dataDir)
  return launch(
    { ...spec, nodeArgs: [...extraNodeArgs, ...spec.nodeArgs] },
    { port, cpu: context.serverCpu, timeoutMs: 60000 },
  )
}
