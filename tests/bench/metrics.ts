/** Measurements read from outside a process (/proc) and latency statistics. */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const CLOCK_TICKS_PER_SECOND = 100

/** User + system CPU time of a whole process (all threads), in milliseconds. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND
}

export interface MemorySample {
  rssBytes: number
  peakRssBytes: number
}

export function processMemory(pid: number): MemorySample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string): number => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)
    return match ? Number(match[1]) * 1024 : 0
  }
  return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') }
}

/** Bytes the process caused to be written to storage (page cache included), from /proc/<pid>/io. */
export function processWriteBytes(pid: number): number {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8')
    const match = /^write_bytes:\s+(\d+)/m.exec(io)
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

/** Total size of the files under a directory (recursively), in bytes. */
export function directorySize(dir: string): number {
  let total = 0
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return 0
  }
  for (const name of entries) {
    const path = join(dir, name)
    const info = statSync(path, { throwIfNoEntry: false })
    if (!info) continue
    total += info.isDirectory() ? directorySize(path) : info.size
  }
  return total
}

export interface LatencySummary {
  count: number
  p50: number
  p99: number
  p999: number
  max: number
}

/** Collects latency samples (milliseconds) and summarises them exactly (nearest-rank). */
export class LatencyRecorder {
  private samples = new Float64Array(1 << 14)
  private size = 0

  record(ms: number): void {
    if (this.size === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2)
      grown.set(this.samples)
      this.samples = grown
    }
    this.samples[this.size++] = ms
  }

  get count(): number {
    return this.size
  }

  summary(): LatencySummary {
    const sorted = this.samples.slice(0, this.size).sort()
    const at = (q: number): number =>
      sorted.length === 0
        ? Number.NaN
        : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN)
    return {
      count: this.size,
      p50: at(0.5),
      p99: at(0.99),
      p999: at(0.999),
      max: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] ?? Number.NaN),
    }
  }
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Busy CPU time of the whole machine (all cores, every process), in milliseconds, from /proc/stat. */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? ''
  const fields = line.trim().split(/\s+/).slice(1).map(Number)
  // user nice system idle iowait irq softirq steal ...
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0)
  const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0)
  return ((total - idle) * 1000) / CLOCK_TICKS_PER_SECOND
}

/** CPU used by processes other than the load generator and `serverPid`, in % of one core. */
export class ForeignLoad {
  private busy0 = machineBusyMs()
  private server0: number
  private self0 = process.cpuUsage()
  private t0 = performance.now()

  constructor(private readonly serverPid: number) {
    this.server0 = processCpuMs(serverPid)
  }

  percent(): number {
    const busy = machineBusyMs() - this.busy0
    const server = processCpuMs(this.serverPid) - this.server0
    const usage = process.cpuUsage(this.self0)
    const self = (usage.user + usage.system) / 1000
    return Math.max(0, ((busy - server - self) / (performance.now() - this.t0)) * 100)
  }
}

/**
 * Waits (bounded) until other processes use less than `maxPct` of one core over half a second: the
 * two cores are shared with other work, and a measurement taken while it runs is not the system's.
 */
let quietWaitMs = 20000

/** How long `waitForQuiet` may wait (0: not at all, for the smoke test). */
export function setQuietWait(ms: number): void {
  quietWaitMs = ms
}

export async function waitForQuiet(serverPid: number, maxPct = 15): Promise<number> {
  if (quietWaitMs <= 0) return 0
  const deadline = performance.now() + quietWaitMs
  for (;;) {
    const load = new ForeignLoad(serverPid)
    await new Promise((resolve) => setTimeout(resolve, 500))
    const pct = load.percent()
    if (pct < maxPct || performance.now() > deadline) return pct
  }
}
