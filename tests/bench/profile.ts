/** Top frames (self time) of a V8 `.cpuprofile` written by `node --cpu-prof`. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}

/**
 * Measured windows on the monotonic clock (µs), which V8 profiles share with `process.hrtime`:
 * only samples inside them count, so process start-up and set-up do not drown the profile.
 */
const windows: { start: number; end: number }[] = []

export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n)
}

/** Records a measured window (both ends from `monotonicUs()`). */
export function markWindow(start: number, end: number): void {
  windows.push({ start, end })
  if (windows.length > 1000) windows.shift()
}

function inWindow(time: number): boolean {
  return windows.some((w) => time >= w.start && time <= w.end)
}

export interface Frame {
  name: string
  location: string
  selfPct: number
}

/** Self time per function, summed over every profile in `dir` (one per server process). */
export function topFrames(dir: string, count = 12): Frame[] {
  const byFrame = new Map<string, { name: string; location: string; hits: number }>()
  let total = 0
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      nodes: ProfileNode[]
      startTime: number
      samples?: number[]
      timeDeltas?: number[]
    }
    const hitsById = new Map<number, number>()
    let time = profile.startTime
    const samples = profile.samples ?? []
    for (let i = 0; i < samples.length; i++) {
      time += profile.timeDeltas?.[i] ?? 0
      if (!inWindow(time)) continue
      const id = samples[i] as number
      hitsById.set(id, (hitsById.get(id) ?? 0) + 1)
    }
    for (const node of profile.nodes) {
      const hits = hitsById.get(node.id) ?? 0
      if (hits === 0 || isStartup(node.callFrame)) continue
      total += hits
      const { functionName, url, lineNumber } = node.callFrame
      const location = url ? `${shorten(url)}:${lineNumber + 1}` : ''
      const name = functionName || '(anonymous)'
      const key = `${name}@${location}`
      const entry = byFrame.get(key) ?? { name, location, hits: 0 }
      entry.hits += hits
      byFrame.set(key, entry)
    }
  }
  return [...byFrame.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, count)
    .map((entry) => ({ name: entry.name, location: entry.location, selfPct: (entry.hits / total) * 100 }))
}

/** Process start-up (module loading, tsx transpiling) and idle time are not the server's work. */
function isStartup(frame: ProfileNode['callFrame']): boolean {
  if (frame.functionName === '(idle)' || frame.functionName === '(program)') return true
  return /node_modules\/(\.pnpm\/)?(tsx|esbuild)|^node:internal\/modules/.test(frame.url)
}

function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, '')
  const nodeModules = path.lastIndexOf('node_modules/')
  if (nodeModules >= 0) {
    const rest = path.slice(nodeModules + 'node_modules/'.length)
    return rest.replace(/^\.pnpm\/[^/]+\/node_modules\//, '')
  }
  const repo = path.indexOf('/apps/')
  return repo >= 0 ? path.slice(repo + 1) : path
}
