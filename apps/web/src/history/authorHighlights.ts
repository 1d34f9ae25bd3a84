/**
 * "Who wrote this": the page's text tinted by author, as decorations (never marks). Every Yjs
 * text item carries the client id that wrote it, and the server says which user each client id
 * belongs to (historyApi.authorship): the live text is coloured from the browser's own Y.Doc,
 * through the shared anchored-ranges plugin, so it follows edits without asking the server again.
 */
import { Extension } from '@tiptap/core'
import type { EditorState } from '@tiptap/pm/state'
import { PluginKey } from '@tiptap/pm/state'
import { Decoration } from '@tiptap/pm/view'
import { relativePositionToAbsolutePosition } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { bindingOf } from '../comments/anchors.ts'
import { type AnchoredState, anchoredRangesPlugin } from '../editor/anchoredRanges.ts'

export interface ClientAuthor {
  colour: string
  /** What hovering the text says ("Écrit par … le …"). */
  title: string
}

export interface AuthorHighlightsData {
  /** Null: the toggle is off. */
  clients: Map<number, ClientAuthor> | null
}

export const authorHighlightsKey = new PluginKey<AnchoredState<AuthorHighlightsData>>('authorHighlights')

function decorate(state: EditorState, { clients }: AuthorHighlightsData): Decoration[] {
  const binding = bindingOf(state)
  if (!clients || !binding) return []
  const out: Decoration[] = []
  const position = (text: Y.XmlText, index: number) =>
    relativePositionToAbsolutePosition(
      binding.doc,
      binding.type,
      Y.createRelativePositionFromTypeIndex(text, index),
      binding.mapping as never,
    )
  const walk = (container: Y.XmlFragment | Y.XmlElement) => {
    for (const child of container.toArray()) {
      if (child instanceof Y.XmlElement) walk(child)
      if (!(child instanceof Y.XmlText)) continue
      // Runs of one client in a row make one decoration.
      let index = 0
      const open: { run: { client: number; start: number; length: number } | null } = { run: null }
      const flush = () => {
        const run = open.run
        const author = run && clients.get(run.client)
        const from = run && author ? position(child, run.start) : null
        if (run && author && from !== null)
          out.push(
            Decoration.inline(from, from + run.length, {
              class: 'authored',
              style: `--author: ${author.colour}`,
              title: author.title,
            }),
          )
        open.run = null
      }
      for (let item = child._start; item !== null; item = item.right) {
        if (item.deleted || !item.countable) continue
        if (item.content instanceof Y.ContentString) {
          const run = open.run
          if (run?.client === item.id.client && run.start + run.length === index) run.length += item.length
          else {
            flush()
            open.run = { client: item.id.client, start: index, length: item.length }
          }
        } else flush()
        index += item.length
      }
      flush()
    }
  }
  walk(binding.type)
  return out
}

export const AuthorHighlights = Extension.create({
  name: 'authorHighlights',
  addProseMirrorPlugins() {
    return [
      anchoredRangesPlugin<AuthorHighlightsData>({
        key: authorHighlightsKey,
        initial: { clients: null },
        decorate,
      }),
    ]
  },
})
