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
function wordMatches(word: string, term: QueryTerm): boolean {
  const { folded, stem } = analyze(word)
  return folded.startsWith(term.folded) || stem === term.stem
}

/** Folded first letters, remembered: texts repeat them. */
const firstLetters = new Map<string, string>()

function foldedFirstLetter(word: string): string {
  const letter = word.charAt(0)
  let folded = firstLetters.get(letter)
  if (folded === undefined) {
    folded = fold(letter).charAt(0)
    if (firstLetters.size < 4096) firstLetters.set(letter, folded)
  }
  return folded
}

/**
 * Which of `terms` a word matches (-1: none), for highlighting. A word whose folded first letter
 * starts none of the terms (nor their stems) is turned down without being stemmed: a stem keeps
 * its word's first letter (french.test.ts checks it over the whole French word list), and
 * stemming every word of every result was most of a search's time.
 */
export function termFinder(terms: QueryTerm[]): (word: string) => number {
  const letters = new Set(terms.flatMap((t) => [t.folded.charAt(0), t.stem.charAt(0)]))
  return (word) => (letters.has(foldedFirstLetter(word)) ? terms.findIndex((t) => wordMatches(word, t)) : -1)
}
