import type { Editor } from '@tiptap/core'

/** The editor's DOM, or null while it is not mounted yet or already destroyed (TipTap throws then). */
export function editorDom(editor: Editor | null | undefined): HTMLElement | null {
  if (!editor || editor.isDestroyed) return null
  try {
    return editor.view.dom
  } catch {
    return null
  }
}
