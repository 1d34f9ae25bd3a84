/**
 * Placeholders: the template's guidance under each section heading of a case sheet, and a hint
 * in an empty page. They are node decorations drawn by CSS (`::before`), so they are never part
 * of the document: not stored, not selectable, not indexed, not exported, and they go as soon as
 * the section has text. Owners change the guidance in the template; sheets show the new text.
 *
 * Only top-level blocks are looked at, so rebuilding them on each view update stays cheap.
 */
import { type Editor, Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { canWrite } from './readOnlyGuard.ts'

export interface TemplateSection {
  heading: string
  guidance: string
}

export interface PlaceholderTexts {
  /** Shown in the first line of an empty page. */
  emptyPage: string
  /** Guidance by section heading (trimmed text), for case sheets; empty elsewhere. */
  guidance: Map<string, string>
}

const key = new PluginKey('guidancePlaceholder')

const isEmptyParagraph = (node: { type: { name: string }; childCount: number }) =>
  node.type.name === 'paragraph' && node.childCount === 0

export function guidancePlaceholder(texts: () => PlaceholderTexts) {
  return Extension.create({
    name: 'guidancePlaceholder',
    addProseMirrorPlugins() {
      const editor = this.editor
      return [
        new Plugin({
          key,
          props: {
            decorations(state) {
              if (!canWrite(editor)) return DecorationSet.empty
              const { doc } = state
              const current = texts()
              const decorations: Decoration[] = []
              const mark = (pos: number, size: number, text: string) =>
                decorations.push(
                  Decoration.node(pos, pos + size, { class: 'is-placeholder', 'data-placeholder': text }),
                )
              const first = doc.firstChild
              if (doc.childCount === 1 && first && isEmptyParagraph(first)) {
                mark(0, first.nodeSize, current.emptyPage)
                return DecorationSet.create(doc, decorations)
              }
              if (current.guidance.size === 0) return DecorationSet.empty
              let previous: typeof first = null
              doc.forEach((node, offset) => {
                if (previous?.type.name === 'heading' && isEmptyParagraph(node)) {
                  const guidance = current.guidance.get(previous.textContent.trim())
                  if (guidance) mark(offset, node.nodeSize, guidance)
                }
                previous = node
              })
              return DecorationSet.create(doc, decorations)
            },
          },
        }),
      ]
    },
  })
}

/** Redraws the placeholders after their texts changed (a meta-only transaction: nothing is written). */
export function refreshPlaceholders(editor: Editor): void {
  if (editor.isDestroyed) return
  editor.view.dispatch(editor.state.tr.setMeta(key, 'refresh').setMeta('addToHistory', false))
}

export function guidanceBySection(sections: TemplateSection[]): Map<string, string> {
  return new Map(sections.filter((s) => s.guidance).map((s) => [s.heading, s.guidance]))
}
