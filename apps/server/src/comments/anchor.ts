/**
 * Comment anchors: two Yjs relative positions over a page body (the `default` XmlFragment), kept
 * beside the document rather than inside it. Resolving them against the live document says where
 * the passage is now, what it reads, and whether it still exists.
 */
import { BODY_FRAGMENT } from '@tisserand/sync-protocol'
import * as Y from 'yjs'

export interface Anchor {
  /** `Y.encodeRelativePosition` of the passage's start. */
  start: Uint8Array
  /** `Y.encodeRelativePosition` of the passage's end. */
  end: Uint8Array
}

export type AnchorResolution =
  | { detached: false; text: string }
  /** The passage was deleted (or its paragraph was): the thread keeps its quote. */
  | { detached: true; text: null }

/**
 * Decodes an encoded relative position; null for bytes that are not one. A position may name a
 * root type only if it is the body: resolving another name would create that root type.
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

interface Target {
  type: object
  index: number
  offset: number | null
}

/**
 * The body as plain text (blocks separated by "\n", like ProseMirror's `textBetween`), and the
 * offset in that text of each target. A target inside deleted content is never reached: null.
 */
function flatten(fragment: Y.XmlFragment, targets: Target[]): string {
  let out = ''
  const mark = (type: object, index: number, offset: number) => {
    for (const target of targets) {
      if (target.offset === null && target.type === type && target.index === index) target.offset = offset
    }
  }
  const walk = (container: Y.XmlFragment | Y.XmlElement) => {
    const children = container.toArray()
    children.forEach((child, index) => {
      mark(container, index, out.length)
      if (child instanceof Y.XmlText) {
        const text = textOf(child)
        for (const target of targets) {
          if (target.offset === null && target.type === child && target.index <= text.length)
            target.offset = out.length + target.index
        }
        out += text
      } else if (child instanceof Y.XmlElement) {
        if (out.length > 0 && !out.endsWith('\n')) out += '\n'
        walk(child)
      }
    })
    for (const target of targets) {
      if (target.offset === null && target.type === container && target.index >= children.length)
        target.offset = out.length
    }
  }
  walk(fragment)
  return out
}

/** The characters of an XmlText; embeds count as one character, as Yjs indexes them. */
function textOf(text: Y.XmlText): string {
  let out = ''
  for (const op of text.toDelta() as { insert: unknown }[]) {
    out += typeof op.insert === 'string' ? op.insert : '\uFFFC'
  }
  return out
}

/** Where a relative position points in `doc` right now; null if it no longer points anywhere. */
function absolute(doc: Y.Doc, position: Y.RelativePosition): Target | null {
  try {
    const resolved = Y.createAbsolutePositionFromRelativePosition(position, doc)
    if (!resolved) return null
    return { type: resolved.type, index: resolved.index, offset: null }
  } catch {
    return null
  }
}

/** The passage an anchor points to in `fragment` now, or detached if it is gone. */
export function resolveAnchor(doc: Y.Doc, anchor: Anchor): AnchorResolution {
  const fragment = doc.getXmlFragment(BODY_FRAGMENT)
  const startPos = decodePosition(anchor.start)
  const endPos = decodePosition(anchor.end)
  const start = startPos && absolute(doc, startPos)
  const end = endPos && absolute(doc, endPos)
  if (!start || !end) return { detached: true, text: null }
  const body = flatten(fragment, [start, end])
  if (start.offset === null || end.offset === null || end.offset <= start.offset)
    return { detached: true, text: null }
  const text = trimBreaks(body.slice(start.offset, end.offset))
  return text.trim() === '' ? { detached: true, text: null } : { detached: false, text }
}

/** Whether encoded positions name content this document has (a client may be ahead of the server). */
export function anchorIsKnown(doc: Y.Doc, anchor: Anchor): boolean {
  const startPos = decodePosition(anchor.start)
  const endPos = decodePosition(anchor.end)
  return Boolean(startPos && endPos && absolute(doc, startPos) && absolute(doc, endPos))
}

function trimBreaks(text: string): string {
  return text.replace(/^\n+|\n+$/g, '')
}
