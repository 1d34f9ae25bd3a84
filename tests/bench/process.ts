/** Starting, pinning, probing and stopping the server processes under test. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url))
export const REPO_ROOT = resolve(BENCH_DIR, '../..')
const PROBE = resolve(BENCH_DIR, 'probe.mjs')

export interface LaunchSpec {
  /** Node arguments after the probe, e.g. ['--import', 'tsx', 'apps/server/src/main.ts']. */
  nodeArgs: string[]
  env: Record<string, string>
  cwd: string
}

export interface EventLoopDelay {
  p50: number
  p99: number
  max: number
  mean: number
}

export interface ServerProcess {
  pid: number
  port: number
  /** http://127.0.0.1:PORT */
  url: string
  /** ws://127.0.0.1:PORT */
  wsUrl: string
  proc: ChildProcess
  /** Last lines of output, for error messages. */
  output: string[]
  /** Event-loop delay since the last reset, as seen by the probe preloaded into the process. */
  eventLoopDelay(reset?: boolean): Promise<EventLoopDelay | null>
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>
  /** SIGKILL now (S5). */
  kill9(): Promise<void>
}

const running = new Set<ChildProcess>()

/** Kills every server this process started that is still running (on an interrupted run). */
export function killAllServers(): void {
  for (const proc of running) proc.kill('SIGKILL')
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

let tasksetAvailable: boolean | undefined
function hasTaskset(): boolean {
  if (tasksetAvailable === undefined) {
    try {
      execFileSync('taskset', ['-V'], { stdio: 'ignore' })
      tasksetAvailable = true
    } catch {
      tasksetAvailable = false
    }
  }
  return tasksetAvailable
}

/** Pins every thread of a running process to one CPU (best effort). */
export function pinProcess(pid: number, cpu: number): boolean {
  if (!hasTaskset()) return false
  try {
    execFileSync('taskset', ['-a', '-cp', String(cpu), String(pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export interface LaunchOptions {
  port: number
  /** CPU to pin the server to (taskset), or null to leave it free. */
  cpu: number | null
  timeoutMs?: number
}

/** Spawns a server, waits for its `{"msg":"listening","port":N}` line. */
export async function launch(spec: LaunchSpec, options: LaunchOptions): Promise<ServerProcess> {
  const nodeArgs = ['--import', PROBE, ...spec.nodeArgs]
  const useTaskset = options.cpu !== null && hasTaskset()
  const command = useTaskset ? 'taskset' : process.execPath
  const args = useTaskset ? ['-c', String(options.cpu), process.execPath, ...nodeArgs] : nodeArgs
  const proc = spawn(command, args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  running.add(proc)
  proc.once('exit', () => running.delete(proc))
  const output: string[] = []
  const remember = (line: string): void => {
    output.push(line)
    if (output.length > 40) output.shift()
  }
  const exited = new Promise<void>((done) => proc.once('exit', () => done()))
  let port = 0
  const listening = new Promise<void>((ready, fail) => {
    const timer = setTimeout(
      () =>
        fail(
          new Error(`server did not listen within ${options.timeoutMs ?? 30000} ms:\n${output.join('\n')}`),
        ),
      options.timeoutMs ?? 30000,
    )
    proc.once('exit', (code, signal) => {
      clearTimeout(timer)
      fail(new Error(`server exited (${code ?? signal}) before listening:\n${output.join('\n')}`))
    })
    createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      remember(line)
      if (port !== 0 || !line.includes('listening')) return
      try {
        const record = JSON.parse(line) as { msg?: string; port?: number }
        if (record.msg === 'listening' && typeof record.port === 'number') {
          port = record.port
          clearTimeout(timer)
          ready()
        }
      } catch {
        // not a JSON line
      }
    })
  })
  createInterface({ input: proc.stderr as NodeJS.ReadableStream }).on('line', remember)
  try {
    await listening
  } catch (error) {
    proc.kill('SIGKILL')
    throw error
  }
  const pid = proc.pid as number
  let nextId = 0
  const eventLoopDelay = (reset = false): Promise<EventLoopDelay | null> => {
    if (!proc.connected) return Promise.resolve(null)
    const id = ++nextId
    return new Promise((answer) => {
      const timer = setTimeout(() => {
        proc.off('message', onMessage)
        answer(null)
      }, 2000)
      const onMessage = (message: unknown): void => {
        const m = message as { type?: string; id?: number } & EventLoopDelay
        if (m?.type !== 'bench:eld' || m.id !== id) return
        clearTimeout(timer)
        proc.off('message', onMessage)
        answer({ p50: m.p50, p99: m.p99, max: m.max, mean: m.mean })
      }
      proc.on('message', onMessage)
      proc.send({ type: 'bench:eld', id, reset })
    })
  }
  const stop = async (): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return
    proc.kill('SIGTERM')
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10000)
    await exited
    clearTimeout(timer)
  }
  const kill9 = async (): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return
    proc.kill('SIGKILL')
    await exited
  }
  return {
    pid,
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    proc,
    output,
    eventLoopDelay,
    stop,
    kill9,
  }
}
