import { expect, test } from 'vitest'
import { codeNamer } from './codeNames.ts'

test('a label used twice gets its parent in front; a unique one stays as it is', () => {
  const codes = [
    { label: "Types d'innovations", path: ["Types d'innovations"] },
    { label: 'Gouvernance collaborative', path: ["Types d'innovations", 'Gouvernance collaborative'] },
    { label: 'Modalités de gouvernance', path: ['Modalités de gouvernance'] },
    {
      label: 'Gouvernance  collaborative'.replace('  ', ' '),
      path: ['Modalités de gouvernance', 'Gouvernance collaborative'],
    },
    { label: 'Empowerment', path: ['Modalités de gouvernance', 'Gouvernance collaborative', 'Empowerment'] },
  ]
  const name = codeNamer(codes)
  expect(codes.map(name)).toEqual([
    "Types d'innovations",
    "Types d'innovations › Gouvernance collaborative",
    'Modalités de gouvernance',
    'Modalités de gouvernance › Gouvernance collaborative',
    'Empowerment',
  ])
})

test('labels differing only by case or accents count as the same', () => {
  const name = codeNamer([
    { label: 'Adaptabilité', path: ['A', 'Adaptabilité'] },
    { label: 'adaptabilite', path: ['B', 'adaptabilite'] },
  ])
  expect(name({ label: 'adaptabilite', path: ['B', 'adaptabilite'] })).toBe('B › adaptabilite')
})
