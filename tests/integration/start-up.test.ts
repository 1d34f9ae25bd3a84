/**
 * `pnpm start` (scripts/start.mjs) says in plain words where to open Tisserand and, while no
 * account exists, that the first visit to /setup creates the owner; it rebuilds the web app when
 * its sources are newer than the build, and compiles the server the same way.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { expect, test } from 'vitest'
import { serverBuildReason, webBuildReason } from '../../scripts/build-status.mjs'
import { repoRoot, tempDataDir } from '../support/server.ts'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** Starts `pnpm start`'s script and resolves with what it printed once it said it is running. */
async function startAndRead(env: Record<string, string>): Promise<{ text: string; proc: ChildProcess }> {
  const port = await freePort()
  const { INIT_CWD: _ignored, ...inherited } = process.env
  const proc = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: repoRoot,
    env: {
      ...inherited,
      PORT: String(port),
      DATA_DIR: tempDataDir(),
      LOG_LEVEL: 'warn',
      SYNC_INVARIANT_GUARD: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  proc.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString()
  })
  proc.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString()
  })
  const deadline = Date.now() + 50_000
  while (!text.includes('Tisserand is running') && Date.now() < deadline && proc.exitCode === null)
    await new Promise((resolve) => setTimeout(resolve, 100))
  // A moment for the line that may follow.
  await new Promise((resolve) => setTimeout(resolve, 200))
  return { text: text.replaceAll(String(port), 'PORT'), proc }
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return
  const exited = new Promise((resolve) => proc.once('exit', resolve))
  proc.kill('SIGTERM')
  await exited
}

test('a fresh install says which URL to open and that /setup creates the owner', async () => {
  const { text, proc } = await startAndRead({})
  try {
    expect(text).toContain('Tisserand is running: open http://localhost:PORT in your browser.')
    expect(text).toContain('the first visit to http://localhost:PORT/setup creates the owner account')
  } finally {
    await stop(proc)
  }
})

test('with an owner account, only the URL is said', async () => {
  const { text, proc } = await startAndRead({
    TISSERAND_ADMIN_EMAIL: 'owner@example.org',
    TISSERAND_ADMIN_PASSWORD: 'correct horse battery',
  })
  try {
    expect(text).toContain('Tisserand is running: open http://localhost:PORT in your browser.')
    expect(text).not.toContain('/setup')
  } finally {
    await stop(proc)
  }
})

/** A file under `root` with the given modification time (seconds). */
function touchedFile(root: string, relative: string, mtime: number): void {
  const full = path.join(root, relative)
  mkdirSync(path.dirname(full), { recursive: true })
  writeFileSync(full, 'x')
  utimesSync(full, mtime, mtime)
}

test('the web app is rebuilt when it is missing or older than its sources', () => {
  const root = tempDataDir('tisserand-web-build-')
  touchedFile(root, 'apps/web/src/main.tsx', 1_000)
  expect(webBuildReason(root)).toBe('apps/web/dist is missing')
  touchedFile(root, 'apps/web/dist/index.html', 2_000)
  expect(webBuildReason(root)).toBeNull()
  touchedFile(root, 'packages/editor-schema/src/index.ts', 3_000)
  expect(webBuildReason(root)).toBe('its sources are newer than the build')
})

test('the server is compiled again when dist is missing or older than its sources', () => {
  const root = tempDataDir('tisserand-server-build-')
  touchedFile(root, 'apps/server/src/main.ts', 1_000)
  expect(serverBuildReason(root)).toBe('apps/server/dist is missing')
  touchedFile(root, 'apps/server/dist/main.js', 2_000)
  expect(serverBuildReason(root)).toBeNull()
  touchedFile(root, 'packages/sync-protocol/src/index.ts', 3_000)
  expect(serverBuildReason(root)).toBe('its sources are newer than the build')
  touchedFile(root, 'apps/server/dist/main.js', 4_000)
  touchedFile(root, 'apps/server/src/sync/room.ts', 5_000)
  expect(serverBuildReason(root)).toBe('its sources are newer than the build')
})
