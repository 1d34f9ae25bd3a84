/**
 * Anchored ranges → ProseMirror decorations, for anything kept beside the document as Yjs
 * relative positions (comment threads, coded passages). A plugin holds its module's data; the
 * module sends new data with a transaction meta, and the decorations are recomputed from the
 * anchors then and after each remote edit (which replaces the whole document), and mapped through
 * local edits in between.
 */
import { type EditorState, Plugin, type PluginKey, type Transaction } from '@tiptap/pm/state'
import { type Decoration, DecorationSet } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { rangeOfAnchor } from '../comments/anchors.ts'
import type { EncodedAnchor } from '../comments/types.ts'

export interface AnchoredState<D> {
  data: D
  decorations: DecorationSet
}

export interface AnchoredRangesSpec<D> {
  key: PluginKey<AnchoredState<D>>
  initial: D
  /** The decorations for `data` in `state` (use `resolveAnchors` to find the ranges). */
  decorate: (state: EditorState, data: D) => Decoration[]
}

/** Where each anchored item is in the editor now; items that do not resolve are left out. */
export function resolveAnchors<T extends { anchor: EncodedAnchor }>(
  state: EditorState,
  items: readonly T[],
): { item: T; from: number; to: number }[] {
  const out: { item: T; from: number; to: number }[] = []
  for (const item of items) {
    const range = rangeOfAnchor(state, item.anchor)
    if (range) out.push({ item, ...range })
  }
  return out
}

function isRemoteChange(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined
  return Boolean(meta?.isChangeOrigin)
}

/** A plugin drawing `spec.decorate`'s decorations; dispatch `setAnchoredData` to change its data. */
export function anchoredRangesPlugin<D>(spec: AnchoredRangesSpec<D>): Plugin<AnchoredState<D>> {
  const build = (state: EditorState, data: D) => DecorationSet.create(state.doc, spec.decorate(state, data))
  return new Plugin<AnchoredState<D>>({
    key: spec.key,
    state: {
      init: () => ({ data: spec.initial, decorations: DecorationSet.empty }),
      apply(tr, value, _old, state) {
        const update = tr.getMeta(spec.key) as Partial<D> | undefined
        if (update) {
          const data = { ...value.data }
          for (const [name, next] of Object.entries(update)) {
            if (next !== undefined) (data as Record<string, unknown>)[name] = next
          }
          return { data, decorations: build(state, data) }
        }
        if (!tr.docChanged) return value
        // Remote edits replace the whole document: find the ranges again from Yjs.
        if (isRemoteChange(tr)) return { ...value, decorations: build(state, value.data) }
        return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) }
      },
    },
    props: {
      decorations: (state) => spec.key.getState(state)?.decorations ?? DecorationSet.empty,
    },
  })
}

/** Sends new data (the fields given) to an anchored-ranges plugin of `view`'s editor. */
export function setAnchoredData<D>(
  editor: { isDestroyed: boolean; state: EditorState; view: { dispatch: (tr: Transaction) => void } } | null,
  key: PluginKey<AnchoredState<D>>,
  update: Partial<D>,
): void {
  if (!editor || editor.isDestroyed) return
  try {
    editor.view.dispatch(editor.state.tr.setMeta(key, update))
  } catch {
    // The view is not mounted yet; the next update brings the data.
  }
}
