/**
 * Floor: a tight `Y.applyUpdate` loop over a captured update stream (what any Yjs server must at
 * least do per incoming update), and the cold-load floor: applying a document's encoded state to an
 * empty Y.Doc. Measured in the load generator's process, JIT-warm.
 */
import * as Y from 'yjs'
import { median } from '../metrics.ts'

export interface ApplyFloor {
  updates: number
  usPerUpdate: number
  updatesPerSec: number
}

export function measureApplyLoop(stream: { doc: number; update: Uint8Array }[]): ApplyFloor {
  if (stream.length === 0) return { updates: 0, usPerUpdate: Number.NaN, updatesPerSec: Number.NaN }
  const runOnce = (): number => {
    const docs = new Map<number, Y.Doc>()
    const t0 = performance.now()
    for (const { doc, update } of stream) {
      let target = docs.get(doc)
      if (!target) {
        target = new Y.Doc()
        docs.set(doc, target)
      }
      Y.applyUpdate(target, update)
    }
    const ms = performance.now() - t0
    for (const doc of docs.values()) doc.destroy()
    return ms
  }
  runOnce()
  const runs: number[] = []
  const deadline = performance.now() + 1500
  do runs.push(runOnce())
  while (runs.length < 5 && performance.now() < deadline)
  const ms = median(runs)
  return {
    updates: stream.length,
    usPerUpdate: (ms * 1000) / stream.length,
    updatesPerSec: stream.length / (ms / 1000),
  }
}

export interface StateLoadFloor {
  stateBytes: number
  /** First application in this process (JIT-cold for this path if nothing ran it before). */
  firstMs: number
  /** Median of the following ones. */
  medianMs: number
}

export function measureStateLoad(state: Uint8Array, runs = 5): StateLoadFloor {
  const once = (): number => {
    const doc = new Y.Doc()
    const t0 = performance.now()
    Y.applyUpdate(doc, state)
    const ms = performance.now() - t0
    doc.destroy()
    return ms
  }
  const firstMs = once()
  const rest: number[] = []
  for (let i = 0; i < runs; i++) rest.push(once())
  return { stateBytes: state.byteLength, firstMs, medianMs: median(rest) }
}
