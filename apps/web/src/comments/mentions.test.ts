import { describe, expect, test } from 'vitest'
import { bodyParts, decodeMentions, encodeMentions, matchesMember, mentionQueryAt } from './mentions.ts'

const anne = { userId: 'u-anne', name: 'Anne' }
const anneMarie = { userId: 'u-am', name: 'Anne Marie' }

describe('mentions', () => {
  test('picked members become tokens, longest names first', () => {
    expect(encodeMentions('@Anne Marie et @Anne, voyez.', [anne, anneMarie])).toBe(
      '@[Anne Marie](u-am) et @[Anne](u-anne), voyez.',
    )
  })

  test('a member no longer in the text is not mentioned', () => {
    expect(encodeMentions('Plus personne.', [anne])).toBe('Plus personne.')
  })

  test('stored bodies decode back to what was typed, with the members', () => {
    const stored = encodeMentions('@Anne Marie merci', [anneMarie])
    expect(decodeMentions(stored)).toEqual({ text: '@Anne Marie merci', picked: [anneMarie] })
  })

  test('bodies split into text and mentions for display', () => {
    expect(bodyParts('Voir @[Anne](u-anne) <b>ici</b>')).toEqual([
      { kind: 'text', text: 'Voir ' },
      { kind: 'mention', name: 'Anne', userId: 'u-anne' },
      { kind: 'text', text: ' <b>ici</b>' },
    ])
  })

  test('the @query before the caret opens the picker, not an e-mail address', () => {
    expect(mentionQueryAt('Bonjour @Chl', 12)).toEqual({ start: 8, query: 'Chl' })
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionQueryAt('ecrire a chloe@irg.example', 26)).toBeNull()
  })

  test('names match by any word, ignoring case and accents', () => {
    expect(matchesMember('Chloé Bernard', 'chloe')).toBe(true)
    expect(matchesMember('Chloé Bernard', 'bern')).toBe(true)
    expect(matchesMember('Chloé Bernard', 'x')).toBe(false)
  })
})
