/**
 * Who is writing, until accounts exist: a name the user types once and a colour picked for them,
 * both kept in localStorage. The pair is what other people see on this user's caret.
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

export const maxNameLength = 60
const storageKey = 'tisserand.identity'

export function randomColour(): string {
  const [value = 0] = crypto.getRandomValues(new Uint32Array(1))
  return caretColours[value % caretColours.length] ?? caretColours[0]
}

export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, maxNameLength)
}

function parseIdentity(raw: string | null): Identity | null {
  if (raw === null) return null
  try {
    const value: unknown = JSON.parse(raw)
    if (typeof value !== 'object' || value === null) return null
    const { name, color } = value as Record<string, unknown>
    if (typeof name !== 'string' || cleanName(name) === '') return null
    if (typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) return null
    return { name: cleanName(name), color }
  } catch {
    return null
  }
}

const listeners = new Set<() => void>()
let current: Identity | null = readStored()

function readStored(): Identity | null {
  try {
    return parseIdentity(localStorage.getItem(storageKey))
  } catch {
    return null
  }
}

export function getIdentity(): Identity | null {
  return current
}

/** Saves the name; keeps the colour the user already had so their caret does not change colour. */
export function saveName(name: string): Identity {
  const next = { name: cleanName(name), color: current?.color ?? randomColour() }
  current = next
  try {
    localStorage.setItem(storageKey, JSON.stringify(next))
  } catch {
    // Storage unavailable: the identity lasts for this tab only.
  }
  for (const listener of listeners) listener()
  return next
}

export function subscribeIdentity(listener: () => void): () => void {
  listeners.add(listener)
  // Another tab of the same browser changed the name.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== storageKey) return
    current = parseIdentity(event.newValue)
    listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}
