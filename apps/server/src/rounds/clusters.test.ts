/** What the reveal asks to settle: clusters of overlapping codings, agreed only when every coder matches. */
import { describe, expect, test } from 'vitest'
import { type ClusterCoding, clusters } from './clusters.ts'

let n = 0
const c = (coderId: string, codeId: string, from: number, to: number): ClusterCoding => ({
  id: `c${n++}`,
  coderId,
  codeId,
  from,
  to,
})

describe('clusters of a page', () => {
  test('identical codings of every coder are one agreed cluster', () => {
    const found = clusters(['a', 'b'], [c('a', 'x', 0, 10), c('b', 'x', 0, 10)])
    expect(found).toMatchObject([{ from: 0, to: 10, agreed: true }])
  })

  test('a passage coded by one coder only, different extents, different codes: disagreements', () => {
    const found = clusters(
      ['a', 'b'],
      [c('a', 'x', 0, 10), c('b', 'x', 5, 15), c('a', 'y', 30, 40), c('a', 'x', 50, 60), c('b', 'y', 50, 60)],
    )
    expect(found.map((k) => [k.from, k.to, k.agreed, k.codings.length])).toEqual([
      [0, 15, false, 2],
      [30, 40, false, 1],
      [50, 60, false, 2],
    ])
  })

  test('a coder’s overlapping segments of one code count as their union', () => {
    const found = clusters(['a', 'b'], [c('a', 'x', 0, 6), c('a', 'x', 4, 10), c('b', 'x', 0, 10)])
    expect(found).toMatchObject([{ from: 0, to: 10, agreed: true }])
  })

  test('with three coders, all must match', () => {
    const two = clusters(['a', 'b', 'c'], [c('a', 'x', 0, 10), c('b', 'x', 0, 10)])
    expect(two[0]?.agreed).toBe(false)
    const three = clusters(['a', 'b', 'c'], [c('a', 'x', 0, 10), c('b', 'x', 0, 10), c('c', 'x', 0, 10)])
    expect(three[0]?.agreed).toBe(true)
  })

  test('passages that only touch are separate clusters', () => {
    expect(clusters(['a', 'b'], [c('a', 'x', 0, 10), c('b', 'x', 10, 20)])).toHaveLength(2)
  })
})
