/**
 * What other writers see on this user's caret: their account name and a colour derived from their
 * user id, so that a person keeps the same colour on every page and every device.
 */

export interface Identity {
  name: string
  /** #rrggbb: the caret extension ignores any other form. */
  color: string
}

/** Calm colours that all keep white label text at a contrast ratio of at least 4.5:1. */
export const caretColours = [
  '#1f6f8b',
  '#8a4f7d',
  '#2e7d4f',
  '#b5532a',
  '#5b5fc7',
  '#8a6100',
  '#a23b4a',
  '#3d6b99',
  '#5f6d1c',
  '#7a5230',
  '#2f7a78',
  '#6b4fa0',
] as const

/** FNV-1a: a stable, well-spread hash of the id; no security meaning. */
function hash(text: string): number {
  let value = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i)
    value = Math.imul(value, 0x01000193)
  }
  return value >>> 0
}

export function colourForUser(userId: string): string {
  return caretColours[hash(userId) % caretColours.length] ?? caretColours[0]
}

/**
 * One colour per person of a set that is shown together (who wrote what, a comparison's legend):
 * each keeps their own colour unless someone of the set already has it, then takes the next free
 * one, so two authors never look alike while there are colours left.
 */
export function distinctColours(userIds: Iterable<string>): Map<string, string> {
  const colours = new Map<string, string>()
  const taken = new Set<string>()
  for (const id of [...new Set(userIds)].sort()) {
    const own = hash(id) % caretColours.length
    let colour = caretColours[own] as string
    for (let step = 0; step < caretColours.length && taken.has(colour); step++)
      colour = caretColours[(own + step + 1) % caretColours.length] as string
    taken.add(colour)
    colours.set(id, colour)
  }
  return colours
}

export function identityFor(user: { id: string; name: string }): Identity {
  return { name: user.name, color: colourForUser(user.id) }
}

/** Up to two initials of a name, for avatars ("Amina Diallo" → "AD", "Jean-Luc" → "JL"). */
export function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('')
}
