/**
 * The browser editor's aids that are not part of the document: the `/` menu's trigger, the
 * shortcut Mod-K that opens the link dialog, and a click below a page that ends in a table, a
 * list or an image, which opens a new line there (the pages are not given one on opening: that
 * would be a write by whoever opens them). The React side fills `storage.host` and `storage.slash`.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import type { CommandHost } from './formatCommands.ts'
import { canWrite } from './readOnlyGuard.ts'
import { type SlashBridge, slashPlugin } from './slashPlugin.ts'

export interface EditorAidsStorage {
  slash: SlashBridge
  host: CommandHost | null
}

export const EDITOR_AIDS = 'editorAids'

export const EditorAids = Extension.create<object, EditorAidsStorage>({
  name: EDITOR_AIDS,
  addStorage() {
    return { slash: { onKey: null }, host: null }
  },
  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        if (!canWrite(this.editor) || !this.storage.host) return false
        this.storage.host.editLink()
        return true
      },
      // As in other editors: from the text to its toolbar (Escape comes back).
      'Alt-F10': () => {
        const toolbar = document.querySelector<HTMLElement>('.editor-toolbar [tabindex="0"]')
        if (!toolbar) return false
        toolbar.focus()
        return true
      },
    }
  },
  addProseMirrorPlugins() {
    return [
      slashPlugin(this.storage.slash, () => canWrite(this.editor)),
      new Plugin({
        key: new PluginKey('lineBelowEnd'),
        props: {
          handleDOMEvents: {
            mousedown: (view, event) => canWrite(this.editor) && openLineBelowEnd(view, event),
          },
        },
      }),
    ]
  },
})

export function editorAidsOf(editor: { storage: unknown }): EditorAidsStorage | undefined {
  return (editor.storage as Record<string, EditorAidsStorage | undefined>)[EDITOR_AIDS]
}

/** A click under the last block, when that block is not a paragraph, adds an empty paragraph after it. */
function openLineBelowEnd(view: EditorView, event: MouseEvent): boolean {
  if (!view.editable || event.button !== 0 || event.target !== view.dom) return false
  const last = view.dom.lastElementChild
  if (!last || event.clientY <= last.getBoundingClientRect().bottom) return false
  const { doc, schema } = view.state
  if (doc.lastChild?.type.name === 'paragraph') return false
  const paragraph = schema.nodes.paragraph
  if (!paragraph) return false
  event.preventDefault()
  const tr = view.state.tr.insert(doc.content.size, paragraph.create())
  view.dispatch(tr.setSelection(TextSelection.create(tr.doc, tr.doc.content.size - 1)).scrollIntoView())
  view.focus()
  return true
}
