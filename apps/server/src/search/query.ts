/**
 * What the user typed, turned into terms. Query syntax never reaches the search engine: only
 * letters and digits survive, so `"`, `*`, `-`, `OR`, `(` are plain text, not operators or errors.
 */
import { analyze, fold, stem, words } from './french.ts'

export interface QueryTerm {
  /** The word as typed, folded: matched as a prefix of indexed words (search as you type). */
  folded: string
  /** Its French stem: matched exactly against indexed stems (`gouvernances` → `gouvernance`). */
  stem: string
}

const MAX_TERMS = 12
const MAX_TERM_LENGTH = 64

export function parseQuery(q: string): QueryTerm[] {
  const seen = new Set<string>()
  const terms: QueryTerm[] = []
  for (const word of words(q)) {
    const folded = fold(word).slice(0, MAX_TERM_LENGTH)
    if (!folded || seen.has(folded)) continue
    seen.add(folded)
    terms.push({ folded, stem: stem(word).slice(0, MAX_TERM_LENGTH) })
    if (terms.length === MAX_TERMS) break
  }
  return terms
}

/** Whether an indexed word matches a term the way the index matched it. */
export function wordMatches(word: string, term: QueryTerm): boolean {
  const { folded, stem } = analyze(word)
  return folded.startsWith(term.folded) || stem === term.stem
}
