/** Co-occurrence worked out in the browser: pair counts by mode, where two codes meet, the tint. */
import { describe, expect, it } from 'vitest'
import { caseMeetings, heat, pairCounts, passageHref, passageMeetings } from './cooccurrence.ts'
import type { CodedPage, CodedPassage } from './typologyApi.ts'

function passage(id: string, codeId: string, pageId: string, from: number, to: number): CodedPassage {
  return {
    id,
    pageId,
    pageTitle: `Page ${pageId}`,
    codeId,
    quote: `quote ${id}`,
    text: `text ${id}`,
    from,
    to,
    author: { id: 'u', name: 'U' },
    createdAt: 0,
  }
}

function coded(pageId: string, passages: number, caseLevel: boolean): CodedPage {
  return { pageId, title: `Page ${pageId}`, kind: 'case', passages, caseLevel }
}

describe('co-occurrence', () => {
  it('counts a pair both ways, by mode, leaving zeros out', () => {
    const pairs = [
      { a: 'x', b: 'y', cases: 2, passages: 1 },
      { a: 'x', b: 'z', cases: 1, passages: 0 },
    ]
    const byCase = pairCounts(pairs, 'case')
    expect(byCase.get('x y')).toBe(2)
    expect(byCase.get('y x')).toBe(2)
    expect(byCase.get('z x')).toBe(1)
    const byPassage = pairCounts(pairs, 'passage')
    expect(byPassage.get('y x')).toBe(1)
    expect(byPassage.has('x z')).toBe(false)
  })

  it('meets in overlapping passages of one page only (end exclusive)', () => {
    const a = [passage('a1', 'x', 'p', 0, 10), passage('a2', 'x', 'q', 0, 5)]
    const b = [passage('b1', 'y', 'p', 5, 20), passage('b2', 'y', 'p', 10, 12), passage('b3', 'y', 'r', 0, 5)]
    const meetings = passageMeetings(a, b)
    expect(meetings).toEqual([{ pageId: 'p', pageTitle: 'Page p', passageId: 'a1', excerpt: 'text a1' }])
  })

  it('meets in cases carrying both codes, opening at a passage when there is one', () => {
    const meetings = caseMeetings(
      [coded('p', 1, false), coded('q', 0, true)],
      [coded('p', 0, true), coded('q', 0, true), coded('r', 2, false)],
      [passage('a1', 'x', 'p', 0, 3)],
    )
    expect(meetings.map((m) => [m.pageId, m.passageId])).toEqual([
      ['p', 'a1'],
      ['q', undefined],
    ])
    expect(passageHref('q')).toBe('/p/q')
    expect(passageHref('p', 'a 1')).toBe('/p/p?passage=a%201')
  })

  it('tints by share of the largest count, with readable text', () => {
    expect(heat(0, 5).background).toBe('transparent')
    expect(heat(5, 5)).toEqual({ background: 'rgba(31, 78, 140, 0.90)', color: '#ffffff' })
    expect(heat(1, 10).color).toBe('#1f1f1f')
  })
})
