/**
 * Highlighted snippets, built here rather than with FTS5's snippet(): matches on stems must be
 * highlighted too, and page text must be HTML-escaped before `<mark>` is added around it.
 */
import { type QueryTerm, termFinder } from './query.ts'

const WORD = /[\p{L}\p{N}]+/gu
const BEFORE = 60
const LENGTH = 220
/** Very long bodies: look for the first match in this much text only. */
const SCAN_LIMIT = 50_000
/** Matches considered when choosing the window. */
const MAX_HITS = 200

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Which term a word matches (-1: none), remembered per word: text repeats its words. */
function termMatcher(terms: QueryTerm[]): (word: string) => number {
  const find = termFinder(terms)
  const known = new Map<string, number>()
  return (word) => {
    let term = known.get(word)
    if (term === undefined) {
      term = find(word)
      known.set(word, term)
    }
    return term
  }
}

interface Hit {
  at: number
  term: number
}

/** The distinct terms among `hits[from..to)`. */
function distinctTerms(hits: Hit[], from: number, to: number): number {
  const seen = new Set<number>()
  for (let j = from; j < to; j++) seen.add((hits[j] as Hit).term)
  return seen.size
}

/**
 * Where the window with the most distinct query terms starts (the first such match wins). Each
 * window starts at a match and spans LENGTH - BEFORE characters. The text is read only as far as
 * needed: once a window holds every term no later one can beat it, which for most results is at
 * their first match (reading each result's whole text was most of a search's time).
 */
function bestMatch(text: string, terms: QueryTerm[], termOf: (word: string) => number): number {
  const span = LENGTH - BEFORE
  const hits: Hit[] = []
  let best = -1
  let bestCount = 0
  /** The first window not judged yet: every one before it held fewer than all the terms. */
  let next = 0
  /** Judges window `next`, complete with the hits read so far; true when it holds every term. */
  const judgeNext = (): boolean => {
    const start = (hits[next] as Hit).at
    let end = next
    while (end < hits.length && (hits[end] as Hit).at < start + span) end++
    const count = distinctTerms(hits, next, end)
    if (count > bestCount) {
      best = start
      bestCount = count
    }
    return count === terms.length
  }
  for (const m of text.slice(0, SCAN_LIMIT).matchAll(WORD)) {
    const term = termOf(m[0])
    if (term < 0) continue
    // The windows that end before this match are complete.
    while (next < hits.length && (hits[next] as Hit).at + span <= m.index) {
      if (judgeNext()) return best
      next++
    }
    hits.push({ at: m.index, term })
    // Every match from `next` on lies in its window: if they hold every term, it is the answer.
    if (distinctTerms(hits, next, hits.length) === terms.length) return (hits[next] as Hit).at
    if (hits.length >= MAX_HITS) break
  }
  for (; next < hits.length; next++) if (judgeNext()) return best
  return best
}

export function buildSnippet(text: string, terms: QueryTerm[]): string {
  const termOf = termMatcher(terms)
  const first = bestMatch(text, terms, termOf)
  let start = first < 0 ? 0 : Math.max(0, first - BEFORE)
  // Start and end on word boundaries.
  if (start > 0) start = text.indexOf(' ', start) + 1 || start
  let end = Math.min(text.length, start + LENGTH)
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end
  const window = text.slice(start, end).replace(/\s+/g, ' ')
  let out = ''
  let last = 0
  for (const m of window.matchAll(WORD)) {
    if (termOf(m[0]) < 0) continue
    out += `${escapeHtml(window.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`
    last = m.index + m[0].length
  }
  out += escapeHtml(window.slice(last))
  return `${start > 0 ? '…' : ''}${out.trim()}${end < text.length ? '…' : ''}`
}
