/**
 * Comment anchors: two Yjs relative positions over a page body, kept beside the document rather
 * than inside it (the same anchors as coded passages, see anchors/text-anchors.ts). Resolving them
 * against the live document says what the passage reads now, and whether it still exists.
 */
import type * as Y from 'yjs'
import {
  anchorIsKnown,
  BODY_FRAGMENT,
  decodePosition,
  type EncodedAnchor,
  flattenBody,
  resolvePassage,
} from '../anchors/text-anchors.ts'

export { anchorIsKnown, decodePosition }

export type Anchor = EncodedAnchor

export type AnchorResolution =
  | { detached: false; text: string }
  /** The passage was deleted (or its paragraph was): the thread keeps its quote. */
  | { detached: true; text: null }

/** The passage an anchor points to now, or detached if it is gone. */
export function resolveAnchor(doc: Y.Doc, anchor: Anchor): AnchorResolution {
  const passage = resolvePassage(doc, flattenBody(doc.getXmlFragment(BODY_FRAGMENT)), anchor)
  // A selection across blocks may start or end on a block boundary: quote the words, not the breaks.
  const text = passage?.text.replace(/^\n+|\n+$/g, '') ?? ''
  return text.trim() === '' ? { detached: true, text: null } : { detached: false, text }
}
