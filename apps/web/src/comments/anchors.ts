/**
 * Between editor positions and comment anchors. An anchor is two Yjs relative positions over the
 * page body (see docs/comments.md), made and read with y-tiptap's helpers and the sync binding's
 * mapping: the document is never marked.
 */
import type { EditorState } from '@tiptap/pm/state'
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { EncodedAnchor } from './types.ts'

interface Binding {
  doc: Y.Doc
  type: Y.XmlFragment
  mapping: Map<Y.AbstractType<unknown>, unknown>
}

export function bindingOf(state: EditorState): Binding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: Binding | null } | undefined
  return sync?.binding ?? null
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/**
 * The anchor of the editor range [from, to): the start bound to the passage's first character
 * (assoc 0), the end to its last (assoc -1), so text typed at either edge stays outside.
 */
export function anchorFromRange(state: EditorState, from: number, to: number): EncodedAnchor | null {
  const binding = bindingOf(state)
  if (!binding || from >= to) return null
  const start = absolutePositionToRelativePosition(
    from,
    binding.type,
    binding.mapping as never,
  ) as Y.RelativePosition
  const end = absolutePositionToRelativePosition(
    to,
    binding.type,
    binding.mapping as never,
  ) as Y.RelativePosition
  // y-tiptap binds text positions to the character before them; the start should follow the
  // passage's first character instead.
  const startAbs = Y.createAbsolutePositionFromRelativePosition(start, binding.doc)
  const startRight =
    startAbs && startAbs.type instanceof Y.XmlText
      ? Y.createRelativePositionFromTypeIndex(startAbs.type, startAbs.index, 0)
      : start
  return {
    start: toBase64(Y.encodeRelativePosition(startRight)),
    end: toBase64(Y.encodeRelativePosition(end)),
  }
}

/** Where an anchor's passage is in the editor now, or null if it does not resolve (or collapsed). */
export function rangeOfAnchor(
  state: EditorState,
  anchor: EncodedAnchor,
): { from: number; to: number } | null {
  const binding = bindingOf(state)
  if (!binding) return null
  try {
    const at = (encoded: string) =>
      relativePositionToAbsolutePosition(
        binding.doc,
        binding.type,
        Y.decodeRelativePosition(fromBase64(encoded)),
        binding.mapping as never,
      )
    const from = at(anchor.start)
    const to = at(anchor.end)
    if (from === null || to === null || to <= from) return null
    const size = state.doc.content.size
    if (from < 0 || to > size) return null
    return { from, to }
  } catch {
    return null
  }
}
