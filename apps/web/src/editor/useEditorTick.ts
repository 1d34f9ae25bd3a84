import type { Editor } from '@tiptap/react'
import { useEffect, useState } from 'react'

/** Re-renders the caller on each editor transaction (active marks, the block at the cursor). */
export function useEditorTick(editor: Editor | null): number {
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!editor) return
    const bump = () => setTick((n) => n + 1)
    editor.on('transaction', bump)
    editor.on('focus', bump)
    editor.on('blur', bump)
    return () => {
      editor.off('transaction', bump)
      editor.off('focus', bump)
      editor.off('blur', bump)
    }
  }, [editor])
  return tick
}
