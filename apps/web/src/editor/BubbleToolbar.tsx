/**
 * The bubble toolbar: bold, italic, underline, strike, code and link for the selected text,
 * floating just below the selection. The "Commenter" and "Coder" buttons float above its end
 * (or below it near the top of the window), so the bubble drops lower then and never covers them.
 */
import type { Editor } from '@tiptap/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CommandButton } from './CommandButton.tsx'
import { rovingKeys } from './EditorToolbar.tsx'
import { BUBBLE_ITEMS, type CommandHost } from './formatCommands.ts'
import { canWrite } from './readOnlyGuard.ts'
import { useEditorTick } from './useEditorTick.ts'

/** Height of the comment and code buttons (comments/CommentButton.tsx) and the gap they keep. */
const FLOATING_BUTTON = 36 + 8
const FLOATING_MIN_TOP = 72

export function BubbleToolbar({ editor, host }: { editor: Editor; host: CommandHost }) {
  const { t } = useTranslation()
  useEditorTick(editor)
  const [, setScroll] = useState(0)
  useEffect(() => {
    const onScroll = () => setScroll((n) => n + 1)
    window.addEventListener('scroll', onScroll, { passive: true, capture: true })
    return () => window.removeEventListener('scroll', onScroll, { capture: true })
  }, [])
  const { selection } = editor.state
  const text = selection.empty ? '' : editor.state.doc.textBetween(selection.from, selection.to, ' ')
  if (!canWrite(editor) || !editor.isFocused || !text.trim() || !('$cursor' in selection)) return null
  let start: { left: number }
  let end: { top: number; bottom: number }
  try {
    start = editor.view.coordsAtPos(selection.from)
    end = editor.view.coordsAtPos(selection.to)
  } catch {
    return null
  }
  const buttonsBelow = end.top - FLOATING_BUTTON <= FLOATING_MIN_TOP
  const top = end.bottom + 8 + (buttonsBelow ? FLOATING_BUTTON : 0)
  const left = Math.max(8, Math.min(start.left, window.innerWidth - 260))
  return (
    <div
      className="bubble-toolbar editor-toolbar"
      role="toolbar"
      aria-label={t('editor.bubble')}
      style={{ top, left }}
      onKeyDown={rovingKeys}
    >
      {BUBBLE_ITEMS.map((id, i) => (
        <CommandButton key={id} editor={editor} host={host} id={id} tabIndex={i === 0 ? 0 : -1} />
      ))}
    </div>
  )
}
