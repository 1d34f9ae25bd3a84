import { expect, test } from 'vitest'
import { isPale } from './colours.ts'

test('pale colours are told from those that show on white', () => {
  expect(isPale('#FFFFFF')).toBe(true)
  expect(isPale('#F7E08A')).toBe(true)
  expect(isPale('#4E79A7')).toBe(false)
  expect(isPale('#234e5c')).toBe(false)
  expect(isPale('not a colour')).toBe(false)
})
