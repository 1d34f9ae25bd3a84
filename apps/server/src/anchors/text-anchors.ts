/**
 * Passages of a page body addressed by two Yjs relative positions over the `default` XmlFragment,
 * kept beside the document (never inside it). This module flattens a body to plain text (blocks
 * separated by "\n"), resolves anchors to where their passage is now, and makes anchors from
 * offsets in that text. Offsets are UTF-16 code units, like JavaScript strings and Yjs indexes;
 * `codePointOffset` converts for formats that count code points (REFI-QDA).
 */
import { BODY_FRAGMENT } from '@tisserand/sync-protocol'
import * as Y from 'yjs'

export { BODY_FRAGMENT }

export interface EncodedAnchor {
  /** `Y.encodeRelativePosition` of the passage's start. */
  start: Uint8Array
  /** `Y.encodeRelativePosition` of the passage's end (exclusive). */
  end: Uint8Array
}

export interface ResolvedPassage {
  /** The passage as it reads now. */
  text: string
  /** UTF-16 offsets in `FlatBody.text`, end exclusive. */
  from: number
  to: number
}

type Container = Y.XmlFragment | Y.XmlElement

/** A body as plain text, with where each Yjs type starts in it. */
export interface FlatBody {
  text: string
  /** Offset of each XmlText's first character. */
  texts: { type: Y.XmlText; from: number; length: number }[]
  /** For each container, the offset at each child index (and one past the last child). */
  containers: Map<Container, number[]>
}

/** The characters of an XmlText; embeds count as one character, as Yjs indexes them. */
function textOf(text: Y.XmlText): string {
  let out = ''
  for (const op of text.toDelta() as { insert: unknown }[]) {
    out += typeof op.insert === 'string' ? op.insert : '\uFFFC'
  }
  return out
}

/** Plain text of a body: block elements start on a new line, like ProseMirror's `textBetween(…, '\n')`. */
export function flattenBody(fragment: Y.XmlFragment): FlatBody {
  let text = ''
  const texts: FlatBody['texts'] = []
  const containers = new Map<Container, number[]>()
  const walk = (container: Container) => {
    const starts: number[] = []
    for (const child of container.toArray()) {
      if (child instanceof Y.XmlElement && text.length > 0 && !text.endsWith('\n')) text += '\n'
      starts.push(text.length)
      if (child instanceof Y.XmlText) {
        const content = textOf(child)
        texts.push({ type: child, from: text.length, length: content.length })
        text += content
      } else if (child instanceof Y.XmlElement) {
        walk(child)
      }
    }
    starts.push(text.length)
    containers.set(container, starts)
  }
  walk(fragment)
  return { text, texts, containers }
}

/**
 * Decodes an encoded relative position; null for bytes that are not one. A position may name a
 * root type only if it is the body: resolving another name would create that root type in the doc.
 */
export function decodePosition(bytes: Uint8Array): Y.RelativePosition | null {
  try {
    const position = Y.decodeRelativePosition(bytes)
    if (position.type === null && position.tname === null && position.item === null) return null
    if (position.tname !== null && position.tname !== BODY_FRAGMENT) return null
    return position
  } catch {
    return null
  }
}

/** Offset in `flat.text` of an encoded relative position, or null if it points nowhere now. */
function offsetOf(doc: Y.Doc, flat: FlatBody, bytes: Uint8Array): number | null {
  const relative = decodePosition(bytes)
  if (!relative) return null
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc)
  if (!absolute) return null
  const type = absolute.type as unknown
  if (type instanceof Y.XmlText) {
    const segment = flat.texts.find((s) => s.type === type)
    return segment ? segment.from + Math.min(absolute.index, segment.length) : null
  }
  const starts = flat.containers.get(type as Container)
  return starts?.[Math.min(absolute.index, starts.length - 1)] ?? null
}

/** Whether both positions name content this document has (a client may be ahead of the server). */
export function anchorIsKnown(doc: Y.Doc, anchor: EncodedAnchor): boolean {
  for (const bytes of [anchor.start, anchor.end]) {
    const relative = decodePosition(bytes)
    if (!relative || !Y.createAbsolutePositionFromRelativePosition(relative, doc)) return false
  }
  return true
}

/** Where an anchored passage is in `flat` now; null when it was deleted (detached). */
export function resolvePassage(doc: Y.Doc, flat: FlatBody, anchor: EncodedAnchor): ResolvedPassage | null {
  const from = offsetOf(doc, flat, anchor.start)
  const to = offsetOf(doc, flat, anchor.end)
  if (from === null || to === null || to <= from) return null
  const text = flat.text.slice(from, to)
  if (text.trim() === '') return null
  return { text, from, to }
}

/**
 * An anchor for `flat.text.slice(from, to)`. The start sticks to the character after it and the
 * end to the character before it, so text typed just outside the passage stays outside.
 */
export function anchorForRange(flat: FlatBody, from: number, to: number): EncodedAnchor | null {
  if (!(from < to)) return null
  const start = flat.texts.find((s) => s.from <= from && from < s.from + s.length)
  const end = flat.texts.find((s) => s.from < to && to <= s.from + s.length)
  if (!start || !end) return null
  return {
    start: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(start.type, from - start.from, 0)),
    end: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(end.type, to - end.from, -1)),
  }
}

/** The number of code points in `text` before UTF-16 offset `utf16` (REFI-QDA counts code points). */
export function codePointOffset(text: string, utf16: number): number {
  let count = 0
  for (let i = 0; i < utf16 && i < text.length; i += 1) {
    const unit = text.charCodeAt(i)
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i += 1
    }
    count += 1
  }
  return count
}

/** The UTF-16 offset of code point `cp` in `text` (inverse of codePointOffset). */
export function utf16Offset(text: string, cp: number): number {
  let i = 0
  for (let n = 0; n < cp && i < text.length; n += 1) {
    const unit = text.charCodeAt(i)
    i += unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length ? 2 : 1
  }
  return i
}
