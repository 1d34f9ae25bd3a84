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

/** The Snowball stem of one word, folded. Stemming runs on the accented word: the rules expect it. */
export function stem(word: string): string {
  const lower = word.toLowerCase()
  return fold(lower.length > 2 ? stemmer(lower) : lower)
}

/** The stems of a text, space-separated, as stored in the index's `*_stems` columns. */
export function stems(text: string): string {
  return words(text).map(stem).join(' ')
}
