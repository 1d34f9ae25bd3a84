import v8 from 'node:v8'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { analyze, stem, stems } from './french.ts'

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

function liveHeap(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

describe('French analysis', () => {
  it('folds accents and case and meets plurals on one stem', () => {
    expect(analyze('Gouvernances').stem).toBe(analyze('gouvernance').stem)
    expect(analyze('École').folded).toBe('ecole')
    expect(stems('ÉCOLES école')).toBe(`${stem('ecole')} ${stem('ecole')}`)
  })

  it('keeps no page text alive through the words it remembers', () => {
    const before = liveHeap()
    // 100 texts of ~200 KB each, a few new long words in each (V8 cuts words of 13 characters or
    // more as slices of their text) and the rest words seen before, analysed and dropped: the new
    // words stay remembered, their texts must not.
    const filler = 'accompagnement '.repeat(13_000)
    for (let t = 0; t < 100; t++) stems(`${filler}intercommunalite${t}a intercommunalite${t}b ${filler}`)
    const grown = liveHeap() - before
    // 200 words weigh kilobytes; the texts they were cut from, 40 MB.
    expect(grown).toBeLessThan(4 * 2 ** 20)
  })
})
