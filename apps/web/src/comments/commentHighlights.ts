/**
 * Highlights commented passages as ProseMirror decorations (never marks), from the threads'
 * anchors, through the shared anchored-ranges plugin (editor/anchoredRanges.ts).
 */
import { Extension } from '@tiptap/core'
import { PluginKey } from '@tiptap/pm/state'
import { Decoration } from '@tiptap/pm/view'
import { type AnchoredState, anchoredRangesPlugin, resolveAnchors } from '../editor/anchoredRanges.ts'
import type { EncodedAnchor } from './types.ts'

export interface HighlightedThread {
  id: string
  anchor: EncodedAnchor
}

export interface Highlights {
  threads: HighlightedThread[]
  activeId: string | null
}

export type HighlightUpdate = Partial<Highlights>

export const commentHighlightsKey = new PluginKey<AnchoredState<Highlights>>('commentHighlights')

export const CommentHighlights = Extension.create({
  name: 'commentHighlights',
  addProseMirrorPlugins() {
    return [
      anchoredRangesPlugin<Highlights>({
        key: commentHighlightsKey,
        initial: { threads: [], activeId: null },
        decorate: (state, { threads, activeId }) =>
          resolveAnchors(state, threads).map(({ item, from, to }) =>
            Decoration.inline(
              from,
              to,
              {
                class: item.id === activeId ? 'comment-highlight is-active' : 'comment-highlight',
                'data-thread-id': item.id,
              },
              { threadId: item.id },
            ),
          ),
      }),
    ]
  },
})
