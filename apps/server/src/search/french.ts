/**
 * French text for search: words, accent folding and Snowball stems. The index and the queries go
 * through the same functions, so `gouvernances`, `Gouvernance` and `gouvernance` meet on one stem
 * and `ecole` meets `école`.
 */
import { stemmer } from '@orama/stemmers/french'

/** Letters and digits; apostrophes split elisions (`l'école` → `l`, `école`). */
const WORD = /[\p{L}\p{N}]+/gu

export function words(text: string): string[] {
  return text.match(WORD) ?? []
}

/** Lower case without accents or other combining marks (œ and æ spelled out). */
export function fold(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
}

export interface AnalyzedWord {
  folded: string
  stem: string
}

/** Memoised: a vocabulary is small next to the number of words indexed and highlighted. */
const CACHE_SIZE = 50_000
const cache = new Map<string, AnalyzedWord>()

/**
 * A copy of a string that shares no memory with the text it was cut from. A word matched in a
 * page's text can be a V8 slice of that text, and keeps all of it alive: cached as is, the
 * words of a page kept its whole text in memory long after the page was indexed and unloaded
 * (4.5 MiB in a 2-minute soak; up to every indexed page's text in a large workspace).
 */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8')
}

/** A word folded, and its Snowball stem folded. Stemming runs on the accented word: the rules expect it. */
export function analyze(word: string): AnalyzedWord {
  let analyzed = cache.get(word)
  if (analyzed === undefined) {
    const lower = word.toLowerCase()
    analyzed = {
      folded: ownCopy(fold(lower)),
      stem: ownCopy(fold(lower.length > 2 ? stemmer(lower) : lower)),
    }
    if (cache.size >= CACHE_SIZE) cache.clear()
    cache.set(ownCopy(word), analyzed)
  }
  return analyzed
}

export function stem(word: string): string {
  return analyze(word).stem
}

/** The stems of a text, space-separated, as stored in the index's `*_stems` columns. */
export function stems(text: string): string {
  return words(text).map(stem).join(' ')
}
