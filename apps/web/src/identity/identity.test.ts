import { expect, test } from 'vitest'
import { colourForUser, distinctColours } from './identity.ts'

test('people shown together get distinct colours even when their own colours collide', () => {
  // Two ids whose own colours are the same: in a legend they must still differ.
  const first = 'user-0'
  let second = ''
  for (let i = 1; !second; i++) if (colourForUser(`user-${i}`) === colourForUser(first)) second = `user-${i}`
  const colours = distinctColours([first, second, first])
  expect(colours.size).toBe(2)
  expect(colours.get(first)).not.toBe(colours.get(second))
  // Whoever comes first in the set keeps their own colour; the order of the input does not matter.
  expect(distinctColours([second, first])).toEqual(colours)
  expect([...colours.values()]).toContain(colourForUser(first))
})
