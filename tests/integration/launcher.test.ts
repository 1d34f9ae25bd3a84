/**
 * `pnpm start` (scripts/start.mjs) leaves no orphan: a SIGKILL to its process group, or to the
 * launcher alone, leaves no server holding the port; a SIGTERM still shuts down cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { afterEach, expect, test } from 'vitest'
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
async function launch(): Promise<{ launcher: ChildProcess; port: number; exited: Promise<number | null> }> {
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
