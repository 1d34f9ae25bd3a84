import { expect, test } from 'vitest'
import { escapeMd } from './markdown.ts'

test('text that would start Markdown syntax is escaped', () => {
  expect(escapeMd('# pas un titre')).toBe('\\# pas un titre')
  expect(escapeMd('1. pas une liste')).toBe('1\\. pas une liste')
  expect(escapeMd('- pas une puce')).toBe('\\- pas une puce')
  expect(escapeMd('---')).toBe('\\---')
  expect(escapeMd('a *b* [c](d) <e> `f` ~g~ h|i')).toBe('a \\*b\\* \\[c\\](d) \\<e\\> \\`f\\` \\~g\\~ h\\|i')
  expect(escapeMd('AT&T et &amp; et &#233;')).toBe('AT&T et &amp;amp; et &amp;#233;')
  expect(escapeMd('Œuvre « naïve » : déjà')).toBe('Œuvre « naïve » : déjà')
})
