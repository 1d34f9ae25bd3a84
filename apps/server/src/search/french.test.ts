import fs from 'node:fs'
import v8 from 'node:v8'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { analyze, fold, stem, stems } from './french.ts'

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

  it("keeps each word's first letter in its stem, over the whole French word list", () => {
    // Highlighting turns words down by their first letter before stemming them (query.ts,
    // termFinder); this is what makes that exact. The list is Debian's wfrench, which
    // scripts/install.sh --with-browser installs: in CI its absence is a failure.
    const list = '/usr/share/dict/french'
    if (!fs.existsSync(list)) {
      if (process.env.CI) throw new Error(`${list} is missing (Debian package wfrench)`)
      return
    }
    const words = fs.readFileSync(list, 'utf8').split('\n').filter(Boolean)
    expect(words.length).toBeGreaterThan(100_000)
    const changed = words.filter((w) => fold(w).charAt(0) !== stem(w).charAt(0))
    expect(changed).toEqual([])
  })
})
