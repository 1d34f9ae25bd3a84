/**
 * Highlights commented passages as ProseMirror decorations (never marks): computed from the
 * threads' anchors, recomputed when the threads change or a remote edit arrives, mapped through
 * local edits in between.
 */
import { Extension } from '@tiptap/core'
import { type EditorState, Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { rangeOfAnchor } from './anchors.ts'
import type { EncodedAnchor } from './types.ts'

export interface HighlightedThread {
  id: string
  anchor: EncodedAnchor
}

interface HighlightState {
  threads: HighlightedThread[]
  activeId: string | null
  decorations: DecorationSet
}

export interface HighlightUpdate {
  threads?: HighlightedThread[]
  activeId?: string | null
}

export const commentHighlightsKey = new PluginKey<HighlightState>('commentHighlights')

function decorate(state: EditorState, threads: HighlightedThread[], activeId: string | null): DecorationSet {
  const decorations: Decoration[] = []
  for (const thread of threads) {
    const range = rangeOfAnchor(state, thread.anchor)
    if (!range) continue
    decorations.push(
      Decoration.inline(
        range.from,
        range.to,
        {
          class: thread.id === activeId ? 'comment-highlight is-active' : 'comment-highlight',
          'data-thread-id': thread.id,
        },
        { threadId: thread.id },
      ),
    )
  }
  return DecorationSet.create(state.doc, decorations)
}

function isRemoteChange(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined
  return Boolean(meta?.isChangeOrigin)
}

export const CommentHighlights = Extension.create({
  name: 'commentHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: () => ({ threads: [], activeId: null, decorations: DecorationSet.empty }),
          apply(tr, value, _old, state) {
            const update = tr.getMeta(commentHighlightsKey) as HighlightUpdate | undefined
            if (update) {
              const threads = update.threads ?? value.threads
              const activeId = update.activeId === undefined ? value.activeId : update.activeId
              return { threads, activeId, decorations: decorate(state, threads, activeId) }
            }
            if (!tr.docChanged) return value
            // Remote edits replace the whole document: find the passages again from Yjs.
            if (isRemoteChange(tr))
              return { ...value, decorations: decorate(state, value.threads, value.activeId) }
            return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) }
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations ?? DecorationSet.empty,
        },
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
