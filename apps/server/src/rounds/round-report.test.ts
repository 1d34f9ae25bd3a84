/** The round's report from plain codings: per code, per pair, overall over the codes in use. */
import { expect, test } from 'vitest'
import { cohenKappa, percentAgreement } from './agreement-stats.ts'
import { agreementReport, type RoundCodings } from './round-report.ts'

const coders = [
  { id: 'a', name: 'A' },
  { id: 'b', name: 'B' },
]

function data(codeIds: string[]): RoundCodings {
  return {
    coders,
    codeIds,
    pages: [{ pageId: 'p', length: 100 }],
    passages: new Map([
      ['a', new Map([['x', new Map([['p', [[0, 30] as [number, number]]]])]])],
      ['b', new Map([['x', new Map([['p', [[10, 50] as [number, number]]]])]])],
    ]),
    caseCodes: new Set(['a p x']),
  }
}

test('a code nobody used is reported but left out of the overall figures', () => {
  const alone = agreementReport(data(['x']))
  const withUnused = agreementReport(data(['x', 'unused']))
  expect(withUnused.byCode.map((c) => [c.codeId, c.used])).toEqual([
    ['x', true],
    ['unused', false],
  ])
  expect(withUnused.byCode[1]).toMatchObject({ percent: 1, kappa: null, alpha: null })
  expect(withUnused.overall).toEqual(alone.overall)
  // By hand: N = 100, A = 30, B = 40, both = 20.
  const counts = { n: 100, a: 30, b: 40, both: 20 }
  expect(alone.overall.passages.percent).toBeCloseTo(percentAgreement(counts) as number, 12)
  expect(alone.overall.passages.kappa).toBeCloseTo(cohenKappa(counts) as number, 12)
  expect(alone.pairs[0]?.coderIds).toEqual(['a', 'b'])
  // One page: its figures are the overall passages' ones.
  expect(alone.byPage).toEqual([
    { pageId: 'p', ...{ percent: alone.overall.passages.percent, kappa: alone.overall.passages.kappa } },
  ])
})

test('with three coders κ is per pair only', () => {
  const three = agreementReport({ ...data(['x']), coders: [...coders, { id: 'c', name: 'C' }] })
  expect(three.overall.kappa).toBeNull()
  expect(three.overall.passages.kappa).toBeNull()
  expect(three.pairs).toHaveLength(3)
  expect(three.pairs[0]?.overall.passages.kappa).not.toBeNull()
})
