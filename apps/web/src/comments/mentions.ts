/**
 * Mentions in comment bodies. The server wants `@[Name](userId)`; people type and read `@Name`.
 * The composer keeps the members picked in the text and writes the tokens only when sending.
 */

export interface Mentionable {
  userId: string
  name: string
}

const TOKEN = /@\[([^\]\n]{1,200})\]\(([A-Za-z0-9_-]{1,64})\)/g

/** `@Name` of each picked member still present in `text` becomes `@[Name](userId)`. */
export function encodeMentions(text: string, picked: Mentionable[]): string {
  let out = text
  // Longest names first, so "@Anne Marie" is not taken for "@Anne".
  for (const member of [...picked].sort((a, b) => b.name.length - a.name.length)) {
    out = out.split(`@${member.name}`).join(`@[${member.name}](${member.userId})`)
  }
  return out
}

/** A stored body as the composer shows it, with the members it mentions (for editing). */
export function decodeMentions(body: string): { text: string; picked: Mentionable[] } {
  const picked = new Map<string, Mentionable>()
  const text = body.replace(TOKEN, (_match, name: string, userId: string) => {
    picked.set(userId, { userId, name })
    return `@${name}`
  })
  return { text, picked: [...picked.values()] }
}

export type BodyPart = { kind: 'text'; text: string } | { kind: 'mention'; name: string; userId: string }

/** Splits a stored body into text and mentions, to render mentions as chips. */
export function bodyParts(body: string): BodyPart[] {
  const parts: BodyPart[] = []
  let last = 0
  for (const match of body.matchAll(TOKEN)) {
    const index = match.index ?? 0
    if (index > last) parts.push({ kind: 'text', text: body.slice(last, index) })
    parts.push({ kind: 'mention', name: match[1] ?? '', userId: match[2] ?? '' })
    last = index + match[0].length
  }
  if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) })
  return parts
}

/** The `@query` being typed just before the caret, if any (for the member picker). */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret)
  const match = /(^|\s)@([^\s@]{0,40})$/u.exec(before)
  if (!match) return null
  const query = match[2] ?? ''
  return { start: caret - query.length - 1, query }
}

/** Case- and accent-insensitive prefix match on any word of the name. */
export function matchesMember(name: string, query: string): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .toLowerCase()
  const q = fold(query)
  return (
    q === '' ||
    fold(name)
      .split(/\s+/)
      .some((word) => word.startsWith(q)) ||
    fold(name).startsWith(q)
  )
}
