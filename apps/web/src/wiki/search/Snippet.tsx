/**
 * A search snippet from the server: HTML-escaped text with the matched words in <mark>. Never
 * set as HTML: the only tags kept are <mark> and </mark>; everything else is decoded to text and
 * rendered by React (so a page that contains "<script>" shows it as words).
 */
import type { ReactNode } from 'react'

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

/** The snippet as parts: plain text, and marked text. */
export function snippetParts(html: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = []
  let marked = false
  for (const piece of html.split(/(<mark>|<\/mark>)/i)) {
    if (/^<mark>$/i.test(piece)) marked = true
    else if (/^<\/mark>$/i.test(piece)) marked = false
    else if (piece !== '') parts.push({ text: decodeEntities(piece.replace(/<[^>]*>/g, '')), marked })
  }
  return parts
}

export function Snippet({ html }: { html: string }): ReactNode {
  return snippetParts(html).map((part, i) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string never reorder
    part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
  )
}
