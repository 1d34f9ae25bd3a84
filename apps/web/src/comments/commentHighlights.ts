/**
 * Highlights commented passages as ProseMirror decorations (never marks): computed from the
 * threads' anchors by the shared anchored-ranges plugin (editor/anchoredRanges.ts), recomputed
 * when the threads change or a remote edit arrives, mapped through local edits in between.
 */
import { Extension } from '@tiptap/core'
import { type EditorState, PluginKey } from '@tiptap/pm/state'
import { Decoration } from '@tiptap/pm/view'
import { type AnchoredState, anchoredRangesPlugin, resolveAnchors } from '../editor/anchoredRanges.ts'
import type { EncodedAnchor } from './types.ts'

export interface HighlightedThread {
  id: string
  anchor: EncodedAnchor
}

interface HighlightData {
  threads: HighlightedThread[]
  activeId: string | null
}

export type HighlightUpdate = Partial<HighlightData>

export const commentHighlightsKey = new PluginKey<AnchoredState<HighlightData>>('commentHighlights')

function decorate(state: EditorState, { threads, activeId }: HighlightData): Decoration[] {
  return resolveAnchors(state, threads).map(({ item: thread, from, to }) =>
    Decoration.inline(
      from,
      to,
      {
        class: thread.id === activeId ? 'comment-highlight is-active' : 'comment-highlight',
        'data-thread-id': thread.id,
      },
      { threadId: thread.id },
    ),
  )
}

export const CommentHighlights = Extension.create({
  name: 'commentHighlights',
  addProseMirrorPlugins() {
    return [
      anchoredRangesPlugin<HighlightData>({
        key: commentHighlightsKey,
        initial: { threads: [], activeId: null },
        decorate,
      }),
    ]
  },
})

/** Where a thread's highlight is in the editor now. */
export function highlightRange(state: EditorState, threadId: string): { from: number; to: number } | null {
  const found = commentHighlightsKey
    .getState(state)
    ?.decorations.find(undefined, undefined, (spec) => spec.threadId === threadId)
  const first = found?.[0]
  return first ? { from: first.from, to: first.to } : null
}
