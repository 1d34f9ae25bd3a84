/** The case-sheet mapping and the ZIP caps, without a server: pure functions on JSON and bytes. */
import { zipSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { parseProperty, toCaseSheet } from './case-sheet.ts'
import { DEFAULT_SYNONYMS, normalizeLabel } from './synonyms.ts'
import { readZip, ZipRefused } from './zip.ts'

const TEMPLATE = [
  { level: 2, text: "Présentation de l'initiative" },
  { level: 2, text: 'Gouvernance' },
]
const text = (t: string) => ({ type: 'text', text: t })
const heading = (level: number, t: string) => ({ type: 'heading', attrs: { level }, content: [text(t)] })
const para = (t: string) => ({ type: 'paragraph', content: [text(t)] })

describe('normalizeLabel', () => {
  test.each([
    ['Présentation de l’initiative', "presentation de l'initiative"],
    ['  2. GOUVERNANCE ', 'gouvernance'],
    ['II - Gouvernance', 'gouvernance'],
    ['Année de création :', 'annee de creation'],
  ])('%s', (input, same) => expect(normalizeLabel(input)).toBe(normalizeLabel(same)))

  test('words made of roman numeral letters are not numbering', () => {
    expect(normalizeLabel('Initiative')).toBe('initiative')
    expect(normalizeLabel('Civil : la société')).toBe('civil la societe')
  })
})

describe('parseProperty', () => {
  test.each([
    ['yearFounded', 'Créée en mars 2016', 2016],
    ['yearFounded', 'depuis longtemps', undefined],
    ['needsOrigin', 'Les bénéficiaires', 'beneficiaries'],
    ['needsOrigin', "L'initiative elle-même", 'initiative'],
    ['needsOrigin', 'Les deux', 'both'],
    ['needsOrigin', 'Bénéficiaires et initiative', 'both'],
    ['status', 'En activité', 'active'],
    ['status', 'En pause depuis 2024', 'paused'],
    ['status', 'Association dissoute', 'ended'],
    ['status', 'Association loi 1901', undefined],
    ['territory', 'Grenoble-Alpes Métropole', 'Grenoble-Alpes Métropole'],
  ] as const)('%s « %s »', (name, value, expected) => expect(parseProperty(name, value)).toBe(expected))
})

test('sections go under the template in its order, unmatched ones after, sub-headings stay inside', () => {
  const sheet = toCaseSheet(
    {
      type: 'doc',
      content: [
        para('Avant tout titre.'),
        heading(1, 'Fonctionnement'),
        para('Un conseil.'),
        heading(1, 'Annexes'),
        heading(2, 'Photos'),
        para('Des photos.'),
        heading(1, '1. Présentation'),
        para('Une cantine.'),
      ],
    },
    TEMPLATE,
    DEFAULT_SYNONYMS,
  )
  expect(sheet.doc.content).toEqual([
    para('Avant tout titre.'),
    heading(2, "Présentation de l'initiative"),
    para('Une cantine.'),
    heading(2, 'Gouvernance'),
    para('Un conseil.'),
    heading(2, 'Annexes'),
    heading(2, 'Photos'),
    para('Des photos.'),
  ])
  expect(sheet.missing).toEqual([])
})

test('a properties table fills the properties and leaves the body; a value not understood is reported', () => {
  const cell = (t: string) => ({ type: 'tableCell', content: [para(t)] })
  const row = (a: string, b: string) => ({ type: 'tableRow', content: [cell(a), cell(b)] })
  const sheet = toCaseSheet(
    {
      type: 'doc',
      content: [
        { type: 'table', content: [row('Territoire', 'Échirolles'), row('Statut', 'Association loi 1901')] },
        heading(2, 'Gouvernance'),
        para('Collégiale.'),
      ],
    },
    TEMPLATE,
    DEFAULT_SYNONYMS,
  )
  expect(sheet.properties).toEqual({ territory: 'Échirolles' })
  expect(sheet.warnings).toEqual([expect.objectContaining({ code: 'property_not_understood' })])
  expect(sheet.doc.content?.some((block) => block.type === 'table')).toBe(false)
  expect(sheet.missing).toEqual(["Présentation de l'initiative"])
})

describe('readZip caps', () => {
  const limits = { maxUnzippedBytes: 1024 * 1024, maxEntries: 10 }
  test('an archive within the caps is read', () => {
    const files = readZip(zipSync({ 'a.md': new TextEncoder().encode('# A') }), limits)
    expect(new TextDecoder().decode(files.get('a.md'))).toBe('# A')
  })
  test('too many entries, too many inflated bytes, and not a ZIP are refused', () => {
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`${i}.md`, new Uint8Array(1)]))
    expect(() => readZip(zipSync(many), limits)).toThrow(ZipRefused)
    const big = zipSync({ 'zeros.txt': new Uint8Array(2 * 1024 * 1024) }, { level: 9 })
    expect(big.length).toBeLessThan(10_000)
    expect(() => readZip(big, limits)).toThrow(/inflates to more than/)
    expect(() => readZip(new Uint8Array([1, 2, 3, 4]), limits)).toThrow(/Not a ZIP/)
  })
})
