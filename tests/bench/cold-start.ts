/**
 * `pnpm bench:cold-start` (part of `pnpm bench`): how long after `pnpm start` the server answers
 * `/api/health`, on a built install (web app built, server compiled), with a fresh data directory
 * (migrations and the seed study included) and again on that same directory; RSS at that moment.
 * Writes the "Cold start" section of docs/benchmarks.md.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { serverBuildReason, webBuildReason } from '../../scripts/build-status.mjs'
import { writeBenchSection } from './doc-section.ts'
import { freePort, REPO_ROOT } from './process.ts'

const RUNS = Number(process.env.RUNS ?? 7)

if (webBuildReason(REPO_ROOT) || serverBuildReason(REPO_ROOT))
  throw new Error('build first (pnpm build): this measures a built install')

/** Every descendant's RSS: the launcher and the server it started. */
function treeRss(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
  const own = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) * 1024
  return children.reduce((sum, child) => sum + treeRss(Number(child)), own)
}

async function startOnce(dataDir: string): Promise<{ ms: number; serverRss: number }> {
  const port = await freePort()
  const started = performance.now()
  const proc: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  })
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const ms = performance.now() - started
    const launcherRss =
      Number(readFileSync(`/proc/${proc.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1]) * 1024
    return { ms, serverRss: treeRss(proc.pid as number) - launcherRss }
  } finally {
    const exited = new Promise((resolve) => proc.once('exit', resolve))
    proc.kill('SIGTERM')
    await exited
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
const fresh: { ms: number; serverRss: number }[] = []
const again: { ms: number; serverRss: number }[] = []
for (let i = 0; i < RUNS; i++) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tisserand-cold-'))
  fresh.push(await startOnce(dataDir))
  again.push(await startOnce(dataDir))
  rmSync(dataDir, { recursive: true, force: true })
}
const row = (label: string, runs: { ms: number; serverRss: number }[]) =>
  `| ${label} | ${median(runs.map((r) => r.ms)).toFixed(0)} ms | ${Math.max(...runs.map((r) => r.ms)).toFixed(0)} ms | ${(median(runs.map((r) => r.serverRss)) / 2 ** 20).toFixed(0)} MiB |`
const report = [
  `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`pnpm bench:cold-start\` (tests/bench/cold-start.ts) on`,
  `this machine (${os.cpus().length} cores): \`node scripts/start.mjs\` on a built install until \`/api/health\` answers,`,
  `${RUNS} runs each; the server is compiled JavaScript (apps/server/build.mjs). Goal: under 1 s.`,
  '',
  '| data directory | median | slowest | server RSS then |',
  '| --- | --- | --- | --- |',
  row('fresh (migrations, seed study)', fresh),
  row('existing', again),
].join('\n')
process.stdout.write(`${report}\n`)
writeBenchSection('cold-start-bench', 'Cold start', report)
