import { expect, test } from 'vitest'
import { shortQuote } from './shortQuote.ts'

test('a long quote is cut at a word and ends with an ellipsis; a short one is kept', () => {
  expect(shortQuote('une gouvernance collaborative', 140)).toBe('une gouvernance collaborative')
  expect(shortQuote('les habitants décident ensemble des produits, des horaires et des prix', 40)).toBe(
    'les habitants décident ensemble des…',
  )
  expect(shortQuote('a\n\n  b', 10)).toBe('a b')
})
