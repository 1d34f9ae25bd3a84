/**
 * French typography in every French string: no-break spaces inside « » and before : (and narrow
 * ones before ; ? !), the typographic apostrophe, never a plain space or a straight quote.
 */
import { expect, test } from 'vitest'
import coding from '../coding/i18n/fr.json'
import exportsFr from '../documents/export/i18n/fr.json'
import imports from '../documents/import/i18n/fr.json'
import editor from '../editor/i18n/fr.json'
import wiki from '../wiki/i18n/fr.json'
import base from './fr.json'

function strings(value: unknown, path: string[] = []): [string, string][] {
  if (typeof value === 'string') return [[path.join('.'), value]]
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, child]) => strings(child, [...path, key]))
  return []
}

const all = [
  ...strings(base),
  ...strings(wiki, ['wiki']),
  ...strings(coding, ['coding']),
  ...strings(editor, ['editor']),
  ...strings(exportsFr, ['exports']),
  ...strings(imports, ['imports']),
]

test('French strings keep no-break spaces around « » and before high punctuation', () => {
  const bad = all.filter(([, text]) => /« | »| [:;?!]/.test(text))
  expect(bad).toEqual([])
})

test('French strings use the typographic apostrophe', () => {
  const bad = all.filter(([, text]) => /\p{L}'\p{L}/u.test(text))
  expect(bad).toEqual([])
})
