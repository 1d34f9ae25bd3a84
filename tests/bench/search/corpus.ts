/**
 * Generated French pages whose vocabulary behaves like real notes: tens of thousands of distinct
 * words drawn with a Zipf law (a few words very common, most rare), function words making up
 * about 40 % of the text, the study's own words among the common ones, and one place name,
 * « Grenoble », in every page (the worst case for ranking: a word that matches everything).
 *
 * The words come from Debian's French word list (package wfrench, /usr/share/dict/french).
 */
import { existsSync, readFileSync } from 'node:fs'

export const WORD_LIST = '/usr/share/dict/french'
/** In every page: the query that matches all of them. */
export const EVERYWHERE = 'Grenoble'

const FUNCTION_WORDS = (
  'le la les un une des du de d’ l’ et ou mais donc car ni que qui quoi dont où à au aux en dans ' +
  'sur sous par pour avec sans chez entre vers est sont a ont été être avoir fait plus moins très ' +
  'aussi ainsi ce cette ces son sa ses leur leurs nous vous ils elles on il elle se ne pas'
).split(' ')

const STUDY_WORDS = (
  'gouvernance solidarité école épicerie habitants bénévoles bénéficiaires quartier association ' +
  'collectivité territoire besoins logement alimentation mobilité santé insertion emploi jardin ' +
  'cantine ressourcerie tiers-lieu coopérative mutuelle réseau projet partenaires financement ' +
  'subvention autonomie empowerment adaptabilité coopération fusion diversification déploiement ' +
  'fertilisation approfondissement essaimage entraide accueil familles jeunes aînés voisinage ' +
  'commune métropole département citoyens décision assemblée comité charte valeurs'
).split(' ')

const PLACES = ['Échirolles', 'Saint-Martin-d’Hères', 'Fontaine', 'Meylan', 'Voiron', 'Vizille', 'Seyssinet']

export type Random = () => number

export interface Corpus {
  /** Content words, most frequent first. */
  vocabulary: string[]
  /** A content word drawn with the corpus' Zipf law. */
  word(): string
  pageTitle(i: number): string
  /** A ProseMirror document. */
  pageBody(): unknown
  /** What people type into a search box: whole words, prefixes, two words, unaccented, plurals. */
  queries(count: number): string[]
}

/** Loads the word list; says how to get it when it is missing. */
function dictionaryWords(): string[] {
  if (!existsSync(WORD_LIST))
    throw new Error(
      `${WORD_LIST} is missing: install Debian's wfrench (scripts/install.sh --with-browser does)`,
    )
  return readFileSync(WORD_LIST, 'utf8')
    .split('\n')
    .filter((w) => /^\p{Ll}{3,}$/u.test(w))
}

export function createCorpus(random: Random, size = 60_000): Corpus {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const words = dictionaryWords()
  // A seeded shuffle: which dictionary words are common is arbitrary but repeatable.
  for (let i = words.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[words[i], words[j]] = [words[j] as string, words[i] as string]
  }
  const vocabulary = words.slice(0, size)
  // The study's words rank among the first 2,000, as in a corpus about the study.
  for (const w of STUDY_WORDS) vocabulary.splice(Math.floor(random() * 2000), 0, w)
  const cumulative: number[] = []
  let total = 0
  for (let rank = 1; rank <= vocabulary.length; rank++) {
    total += 1 / rank
    cumulative.push(total)
  }
  const word = (): string => {
    const target = random() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((cumulative[mid] as number) < target) lo = mid + 1
      else hi = mid
    }
    return vocabulary[lo] as string
  }
  const sentence = (): string => {
    const length = 8 + Math.floor(random() * 18)
    const tokens = Array.from({ length }, () => (random() < 0.4 ? pick(FUNCTION_WORDS) : word()))
    const text = tokens.join(' ').replaceAll('’ ', '’')
    return `${text[0]?.toUpperCase()}${text.slice(1)}.`
  }
  const paragraph = (): string => Array.from({ length: 2 + Math.floor(random() * 5) }, sentence).join(' ')
  return {
    vocabulary,
    word,
    pageTitle: (i) =>
      `${pick(['Fiche', 'Note', 'Compte rendu'])} ${i} — ${word()} ${word()} à ${pick(PLACES)}`,
    pageBody() {
      const content: unknown[] = [
        { type: 'paragraph', content: [{ type: 'text', text: `Rencontre à ${EVERYWHERE}. ${paragraph()}` }] },
      ]
      const sections = 2 + Math.floor(random() * 4)
      for (let s = 0; s < sections; s++) {
        content.push({
          type: 'heading',
          attrs: { level: 2 },
          content: [{ type: 'text', text: `${word()} ${word()}` }],
        })
        for (let p = 1 + Math.floor(random() * 3); p > 0; p--)
          content.push({ type: 'paragraph', content: [{ type: 'text', text: paragraph() }] })
      }
      return { type: 'doc', content }
    },
    queries(count) {
      const out: string[] = []
      for (let i = 0; i < count; i++) {
        const w = word()
        switch (i % 5) {
          case 0:
            out.push(w)
            break
          case 1:
            out.push(w.slice(0, Math.max(3, Math.ceil(w.length * 0.6))))
            break
          case 2:
            out.push(`${w} ${word()}`)
            break
          case 3:
            out.push(w.normalize('NFD').replace(/\p{M}/gu, ''))
            break
          default:
            out.push(`${w}s`)
        }
      }
      return out
    },
  }
}
