import { expect, test } from 'vitest'
import { isPale } from './colours.ts'

test('pale colours are told from those that show on white', () => {
  expect(isPale('#FFFFFF')).toBe(true)
  expect(isPale('#F7E08A')).toBe(true)
  expect(isPale('#4E79A7')).toBe(false)
  expect(isPale('#234e5c')).toBe(false)
  expect(isPale('not a colour')).toBe(false)
})

test('a pale code gets a darker band in the text; others keep their colour', async () => {
  const { segmentStyle } = await import('./codedPassages.ts')
  expect(segmentStyle(['#FFF3B0'])).toContain('color-mix(in srgb, #FFF3B0 55%, #1f2a30)')
  expect(segmentStyle(['#4E79A7'])).not.toContain('color-mix')
})
