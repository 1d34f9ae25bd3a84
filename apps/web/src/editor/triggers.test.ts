import { expect, test } from 'vitest'
import { findSlash } from './slashPlugin.ts'
import { listKeys } from './triggerPlugin.ts'

test('"/" opens the blocks menu at a line start or after a space, never inside a word', () => {
  expect(findSlash('/', 1)).toEqual({ query: '', from: 0, to: 1 })
  expect(findSlash('Voir /tabl', 20)).toEqual({ query: 'tabl', from: 15, to: 20 })
  expect(findSlash('1/2', 3)).toBeNull()
  expect(findSlash('https://irg.example', 19)).toBeNull()
  expect(findSlash('/titre 2', 8)).toBeNull()
})

test('menu keys move, wrap, choose and dismiss', () => {
  const seen: string[] = []
  const menu = (active: number) => ({
    count: 3,
    active,
    setActive: (i: number) => seen.push(`active ${i}`),
    choose: () => {
      seen.push('choose')
      return true
    },
    dismiss: () => seen.push('dismiss'),
  })
  // Only the key matters (no DOM in these tests).
  const key = (k: string) => ({ key: k }) as KeyboardEvent
  expect(listKeys(key('ArrowDown'), menu(2))).toBe(true)
  expect(listKeys(key('ArrowUp'), menu(0))).toBe(true)
  expect(listKeys(key('Enter'), menu(1))).toBe(true)
  expect(listKeys(key('Escape'), menu(1))).toBe(true)
  expect(listKeys(key('a'), menu(1))).toBe(false)
  expect(seen).toEqual(['active 0', 'active 2', 'choose', 'dismiss'])
})
