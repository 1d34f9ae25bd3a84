/**
 * Starts the real Tisserand server as a child process, exactly as `pnpm start` runs it, on a free
 * port and a temporary DATA_DIR. Tests kill it with real signals to prove durability.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { allocatorEnv } from '../../scripts/allocator.mjs'
import { OWNER_ENV } from './api.ts'
import { createDatabase, type TestDatabase } from './services.ts'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const serverEntry = path.join(repoRoot, 'apps/server/src/main.ts')

export interface TestServer {
  port: number
  url: string
  wsUrl: string
  dataDir: string
  proc: ChildProcess
  /** Every log line the process printed so far (stdout and stderr). */
  logs: string[]
  /** Sends `signal` and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<number | null>
  /** Starts a new process on the same DATA_DIR and env (after this one was killed). */
  restart(): Promise<TestServer>
  /** Drops the PostgreSQL database this server was given by `store: 'postgres'` (none: nothing). */
  dropDatabase(): Promise<void>
}

export interface StartOptions {
  dataDir?: string
  env?: Record<string, string>
  /**
   * `postgres`: the server runs on a database of its own (DATABASE_URL), created here and dropped
   * by `dropDatabase`. TISSERAND_TEST_STORE=postgres makes it the default (to run any suite on
   * PostgreSQL by hand).
   */
  store?: 'sqlite' | 'postgres'
  /**
   * The compiled server (apps/server/dist/main.js, built by the caller) run by Node alone, as in
   * production, instead of the sources through the tsx loader: for measuring its memory.
   */
  compiledEntry?: string
}

export function tempDataDir(prefix = 'tisserand-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir()
  const store = options.store ?? (process.env.TISSERAND_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite')
  let database: TestDatabase | null = null
  if (store === 'postgres' && !options.env?.DATABASE_URL) {
    database = await createDatabase()
    // A restart reuses the same database.
    options = { ...options, env: { ...options.env, DATABASE_URL: database.url } }
  }
  // INIT_CWD would make the server resolve a relative DATA_DIR against pnpm's starting folder.
  const { INIT_CWD: _ignored, ...inherited } = process.env
  // The stored-state guard is on for every test server: any change to a live document that was
  // not stored first stops the server (exit 70) and fails the test that caused it.
  const env = {
    ...inherited,
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    SYNC_INVARIANT_GUARD: '1',
    ...OWNER_ENV,
    ...options.env,
  }
  Object.assign(env, allocatorEnv(env))
  const args = options.compiledEntry ? [options.compiledEntry] : ['--import', 'tsx', serverEntry]
  const proc = spawn(process.execPath, args, {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: string[] = []
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
  void exited.then((code) => {
    // The stored-state guard stopped the server: say why, or the test only sees refused connections.
    if (code === 70)
      process.stderr.write(
        `server stopped by the stored-state guard:\n${logs.filter((l) => l.includes('invariant')).join('\n')}\n`,
      )
  })
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.join('\n')}`)), 30_000)
    const onLine = (line: string) => {
      logs.push(line)
      if (!line.includes('"listening"')) return
      clearTimeout(timer)
      resolve((JSON.parse(line) as { port: number }).port)
    }
    collectLines(proc.stdout, onLine)
    collectLines(proc.stderr, (line) => logs.push(line))
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening:\n${logs.join('\n')}`))
    })
  })
  const server: TestServer = {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    dataDir,
    proc,
    logs,
    async kill(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal)
      return exited
    },
    restart: async () => {
      const next = await startServer({ ...options, dataDir })
      return { ...next, dropDatabase: server.dropDatabase }
    },
    dropDatabase: async () => database?.drop(),
  }
  return server
}

function collectLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let buffered = ''
  stream?.setEncoding('utf8')
  stream?.on('data', (chunk: string) => {
    buffered += chunk
    let newline = buffered.indexOf('\n')
    while (newline >= 0) {
      onLine(buffered.slice(0, newline))
      buffered = buffered.slice(newline + 1)
      newline = buffered.indexOf('\n')
    }
  })
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
