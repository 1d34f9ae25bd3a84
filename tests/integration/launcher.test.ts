/**
 * `pnpm start` (scripts/start.mjs) leaves no orphan: a SIGKILL to its process group, or to the
 * launcher alone, leaves no server holding the port; a SIGTERM still shuts down cleanly. It runs
 * the server on jemalloc when the machine has it (scripts/allocator.mjs).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { jemallocLibrary } from '../../scripts/allocator.mjs'
import { OWNER_ENV } from '../support/api.ts'
import { repoRoot, tempDataDir, waitFor } from '../support/server.ts'

const launched: ChildProcess[] = []
afterEach(() => {
  for (const child of launched.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    } catch {}
  }
})

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

/** `node scripts/start.mjs` in a process group of its own, like a terminal or a supervisor runs it. */
async function launch(
  extraEnv: Record<string, string> = {},
): Promise<{ launcher: ChildProcess; port: number; exited: Promise<number | null> }> {
  const port = await freePort()
  const { INIT_CWD: _ignored, ...env } = process.env
  const launcher = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs')], {
    cwd: repoRoot,
    detached: true,
    stdio: 'ignore',
    env: {
      ...env,
      ...OWNER_ENV,
      PORT: String(port),
      SYNC_INVARIANT_GUARD: '1',
      HOST: '127.0.0.1',
      DATA_DIR: tempDataDir(),
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
  })
  launched.push(launcher)
  const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)))
  // The first start may build the web app: give it time.
  await waitFor(() => listening(port), 90_000, 'the server to listen')
  return { launcher, port, exited }
}

test('a SIGKILL to the launcher’s process group leaves nothing listening', async () => {
  const { launcher, port } = await launch()
  process.kill(-(launcher.pid as number), 'SIGKILL')
  await waitFor(async () => !(await listening(port)), 10_000, 'the port to be free')
})

test('a SIGKILL to the launcher alone: the server notices and shuts down', async () => {
  const { launcher, port } = await launch()
  launcher.kill('SIGKILL')
  await waitFor(async () => !(await listening(port)), 15_000, 'the orphaned server to stop')
})

test('a SIGTERM to the launcher shuts the server down cleanly (exit 0)', async () => {
  const { launcher, port, exited } = await launch()
  launcher.kill('SIGTERM')
  expect(await exited).toBe(0)
  expect(await listening(port)).toBe(false)
})

test('a SIGINT to the whole group (Ctrl-C) reaches the server twice and still ends in one clean shutdown', async () => {
  const { launcher, port, exited } = await launch()
  process.kill(-(launcher.pid as number), 'SIGINT')
  expect(await exited).toBe(0)
  expect(await listening(port)).toBe(false)
})

/** The libraries mapped into the server the launcher started (its one child once it listens). */
function serverLibraries(launcher: ChildProcess): string {
  const [pid] = execFileSync('pgrep', ['-P', String(launcher.pid)], { encoding: 'utf8' })
    .trim()
    .split('\n')
  return fs.readFileSync(`/proc/${pid}/maps`, 'utf8')
}

test('the server runs on jemalloc when the machine has it, and on the system allocator when told to', async () => {
  const library = jemallocLibrary()
  // CI installs it (scripts/install.sh): there its absence is a failure, not something to skip.
  if (!library && process.env.CI)
    throw new Error('jemalloc (libjemalloc2) is not installed on this CI machine')
  const auto = await launch()
  expect(serverLibraries(auto.launcher).includes('libjemalloc')).toBe(library !== null)
  auto.launcher.kill('SIGTERM')
  expect(await auto.exited).toBe(0)
  const system = await launch({ MEMORY_ALLOCATOR: 'system' })
  expect(serverLibraries(system.launcher)).not.toContain('libjemalloc')
})

test('an unknown MEMORY_ALLOCATOR stops the launcher with a message naming it', () => {
  const run = () =>
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts/start.mjs')], {
      cwd: repoRoot,
      env: { ...process.env, MEMORY_ALLOCATOR: 'tcmalloc', PORT: '0', DATA_DIR: tempDataDir() },
      stdio: 'pipe',
      encoding: 'utf8',
      // Accepted by mistake, the launcher would build and serve instead of exiting.
      timeout: 30_000,
    })
  expect(run).toThrow(/MEMORY_ALLOCATOR must be auto, jemalloc or system/)
})
