/**
 * Comment bodies are plain text. Mentions are written inline as `@[Name](userId)`; the name is
 * only what the author saw, the id is what counts (checked against the workspace's members).
 */

export const MAX_BODY_CHARS = 4000
export const MAX_MENTIONS = 20

const MENTION = /@\[([^\]\n]{1,200})\]\(([A-Za-z0-9_-]{1,64})\)/g

/**
 * Normalises line ends and drops control characters other than newline and tab, so what is stored
 * is text that renders the same everywhere. Never interpreted as HTML.
 */
export function cleanBody(body: string): string {
  return (
    body
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
      .trim()
  )
}

/** The user ids mentioned in a body, each once, in order of first appearance. */
export function mentionedUserIds(body: string): string[] {
  const ids = new Set<string>()
  for (const match of body.matchAll(MENTION)) if (match[2]) ids.add(match[2])
  return [...ids]
}
