/** The agreement statistics against published reference values and hand-computed cases. */
import { describe, expect, test } from 'vitest'
import {
  cohenKappa,
  krippendorffAlphaNominal,
  mergeSpans,
  percentAgreement,
  spanCounts,
  unitizingAlphaBinary,
  type Value,
} from './agreement-stats.ts'

/** Coders' rows (as printed in the paper) turned into units × coders. */
const units = (...coders: Value[][]): Value[][] =>
  (coders[0] ?? []).map((_, u) => coders.map((row) => row[u] ?? null))

describe("Krippendorff's α, nominal — Krippendorff (2011), Computing Krippendorff's Alpha-Reliability", () => {
  // Section A, "Binary or dichotomous data, two observers, no missing data": α = 0.095.
  test('the binary example gives 0.095', () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    expect(krippendorffAlphaNominal(units(a, b))).toBeCloseTo(0.095, 3)
  })

  // Section C, "Nominal data, two observers, no missing data": α = 0.692.
  test('the two-observer nominal example gives 0.692', () => {
    const a = 'aabbdcccedda'.split('')
    const b = 'babbbcccdddd'.split('').map((v, i) => (i === 8 ? 'e' : v))
    expect(krippendorffAlphaNominal(units(a, b))).toBeCloseTo(0.692, 3)
  })

  // Section E, "Nominal data, any number of observers, missing data": four observers, twelve
  // units, α = 0.743.
  test('the four-observer example with missing data gives 0.743', () => {
    const _ = null
    const a = [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _]
    const b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3]
    const c = [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _]
    const d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _]
    expect(krippendorffAlphaNominal(units(a, b, c, d))).toBeCloseTo(0.743, 3)
  })

  test('is 1 for perfect agreement and undefined without any variation', () => {
    expect(krippendorffAlphaNominal(units(['x', 'y', 'x'], ['x', 'y', 'x']))).toBe(1)
    expect(krippendorffAlphaNominal(units(['x', 'x'], ['x', 'x']))).toBeNull()
    // A unit with a single value is not pairable: it changes nothing.
    expect(krippendorffAlphaNominal(units(['x', 'y', 'z'], ['x', 'y', null]))).toBe(1)
  })
})

describe("percent agreement and Cohen's κ", () => {
  // By hand: N = 100, coder A 30, coder B 40, both 20, so neither = 50.
  // Po = (20 + 50) / 100 = 0.7; Pe = (30·40 + 70·60) / 100² = (1200 + 4200) / 10000 = 0.54;
  // κ = (0.7 − 0.54) / (1 − 0.54) = 0.16 / 0.46 = 0.347826…
  test('a hand-computed case', () => {
    const counts = { n: 100, a: 30, b: 40, both: 20 }
    expect(percentAgreement(counts)).toBeCloseTo(0.7, 12)
    expect(cohenKappa(counts)).toBeCloseTo(0.16 / 0.46, 12)
  })

  test('the chances of both-yes and both-no add up (QualCoder multiplied them)', () => {
    // A = B = N/2, independent: Pe = 0.25 + 0.25 = 0.5, so κ = 0 when Po = 0.5.
    expect(cohenKappa({ n: 4, a: 2, b: 2, both: 1 })).toBeCloseTo(0, 12)
  })

  test('identical codings give 1; one same answer everywhere is undefined', () => {
    expect(cohenKappa({ n: 10, a: 4, b: 4, both: 4 })).toBe(1)
    expect(cohenKappa({ n: 10, a: 0, b: 0, both: 0 })).toBeNull()
    expect(percentAgreement({ n: 10, a: 0, b: 0, both: 0 })).toBe(1)
  })

  test('spans are merged before counting, so overlaps count once', () => {
    expect(
      mergeSpans([
        [5, 10],
        [0, 6],
        [20, 30],
      ]),
    ).toEqual([
      [0, 10],
      [20, 30],
    ])
    const counts = spanCounts(
      100,
      [
        [0, 10],
        [5, 15],
      ],
      [[10, 30]],
    )
    expect(counts).toEqual({ n: 100, a: 15, b: 20, both: 5 })
  })
})

describe("Krippendorff's unitizing α, binary", () => {
  test('is 1 for identical codings', () => {
    const spans: [number, number][] = [
      [3, 14],
      [22, 52],
    ]
    expect(unitizingAlphaBinary(56, [spans, spans])).toBe(1)
    expect(unitizingAlphaBinary(56, [spans, spans, spans])).toBe(1)
  })

  // The worked example of Krippendorff (2004), "Measuring the reliability of qualitative text
  // analysis data", Quality & Quantity 38: 787–800, Figure 2 and its appendix: a continuum from
  // 150 to 450 (here shifted to 0–300), two coders i and j, categories c and k. The published
  // results are α_k = 1 and α_c = 0.729 (also reproduced by github.com/zyocum/text-alpha).
  test('the worked example of Krippendorff (2004): α_c = 0.729, α_k = 1', () => {
    const c = unitizingAlphaBinary(300, [
      [
        [75, 145],
        [220, 250],
      ],
      [
        [70, 150],
        [205, 225],
        [250, 270],
      ],
    ])
    expect(c).toBeCloseTo(0.729, 3)
    const k: [number, number][] = [
      [30, 90],
      [150, 200],
    ]
    expect(unitizingAlphaBinary(300, [k, k])).toBe(1)
  })

  test('disjoint codings disagree more than overlapping ones; nothing coded is undefined', () => {
    const near = unitizingAlphaBinary(100, [[[10, 30]], [[12, 30]]]) ?? Number.NaN
    const far = unitizingAlphaBinary(100, [[[10, 30]], [[60, 80]]]) ?? Number.NaN
    expect(near).toBeGreaterThan(0.8)
    expect(near).toBeLessThan(1)
    expect(far).toBeLessThan(0)
    expect(unitizingAlphaBinary(100, [[], []])).toBeNull()
  })
})
