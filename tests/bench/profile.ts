/** Top frames (self time) of a V8 `.cpuprofile` written by `node --cpu-prof`. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
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
      samples?: number[]
    }
    const hitsById = new Map<number, number>()
    for (const id of profile.samples ?? []) hitsById.set(id, (hitsById.get(id) ?? 0) + 1)
    for (const node of profile.nodes) {
      const hits = hitsById.get(node.id) ?? node.hitCount ?? 0
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
