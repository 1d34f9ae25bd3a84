import type { Editor } from '@tiptap/react'
import { useEffect, useState } from 'react'

export interface EditorSelection {
  from: number
  to: number
  /** Where the selection ends on screen, to place the "Comment" button. */
  rect: DOMRect
}

/**
 * The text selected in the editor, read from the DOM selection: it works the same whether the
 * editor is editable or read-only (commenters select text they cannot change).
 */
export function useEditorSelection(editor: Editor | null): EditorSelection | null {
  const [selection, setSelection] = useState<EditorSelection | null>(null)

  useEffect(() => {
    if (!editor) return
    const read = () => setSelection(readEditorSelection(editor))
    document.addEventListener('selectionchange', read)
    window.addEventListener('scroll', read, { passive: true })
    return () => {
      document.removeEventListener('selectionchange', read)
      window.removeEventListener('scroll', read)
    }
  }, [editor])

  return selection
}

/**
 * The editor's text selected in the DOM right now, or null. Called at a key press, it is fresher
 * than both the last selectionchange and ProseMirror's own selection, which follow a task later.
 */
export function readEditorSelection(editor: Editor): EditorSelection | null {
  if (editor.isDestroyed) return null
  const dom = window.getSelection()
  if (!dom || dom.rangeCount === 0 || dom.isCollapsed) return null
  const range = dom.getRangeAt(0)
  const root = editor.view.dom
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null
  try {
    const a = editor.view.posAtDOM(range.startContainer, range.startOffset)
    const b = editor.view.posAtDOM(range.endContainer, range.endOffset)
    const from = Math.min(a, b)
    const to = Math.max(a, b)
    if (editor.state.doc.textBetween(from, to, '\n').trim() === '') return null
    const rects = range.getClientRects()
    const rect = rects[rects.length - 1] ?? range.getBoundingClientRect()
    return { from, to, rect }
  } catch {
    return null
  }
}
