/**
 * Highlighted snippets, built here rather than with FTS5's snippet(): matches on stems must be
 * highlighted too, and page text must be HTML-escaped before `<mark>` is added around it.
 */
import { type QueryTerm, wordMatches } from './query.ts'

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

/**
 * Which term a word matches (-1: none). Remembered per word: text repeats its words, and each
 * check stems the word.
 */
function termMatcher(terms: QueryTerm[]): (word: string) => number {
  const known = new Map<string, number>()
  return (word) => {
    let term = known.get(word)
    if (term === undefined) {
      term = terms.findIndex((t) => wordMatches(word, t))
      known.set(word, term)
    }
    return term
  }
}

/** Where the window with the most distinct query terms starts (the first such match wins). */
function bestMatch(text: string, terms: QueryTerm[], termOf: (word: string) => number): number {
  const hits: { at: number; term: number }[] = []
  for (const m of text.slice(0, SCAN_LIMIT).matchAll(WORD)) {
    const term = termOf(m[0])
    if (term >= 0) hits.push({ at: m.index, term })
    if (hits.length >= MAX_HITS) break
  }
  let best = -1
  let bestCount = 0
  for (const [i, hit] of hits.entries()) {
    const seen = new Set<number>()
    for (let j = i; j < hits.length && (hits[j]?.at ?? 0) < hit.at + LENGTH - BEFORE; j++)
      seen.add(hits[j]?.term ?? -1)
    if (seen.size > bestCount) {
      best = hit.at
      bestCount = seen.size
      if (bestCount === terms.length) break
    }
  }
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
