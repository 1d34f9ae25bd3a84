/**
 * On wide screens, each open thread's card sits beside its passage, as in a word processor's
 * margin: cards follow the order of their passages, each as high as its passage or just under the
 * card before it. Narrow screens and the resolved tab keep a plain list.
 */
import type { Editor } from '@tiptap/react'
import { type RefObject, useEffect, useMemo, useState } from 'react'
import { editorDom } from '../editor/editorDom.ts'
import { rangeOfAnchor } from './anchors.ts'
import type { Thread } from './types.ts'

const WIDE = '(min-width: 75rem)'
const GAP = 8

function useWide(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE).matches)
  useEffect(() => {
    const query = window.matchMedia(WIDE)
    const onChange = () => setWide(query.matches)
    query.addEventListener('change', onChange)
    return () => query.removeEventListener('change', onChange)
  }, [])
  return wide
}

/** The threads in passage order, and whether the cards are laid beside the passages. */
export function useBesidePassages<T extends Thread>(
  editor: Editor | null,
  threads: T[],
  enabled: boolean,
  cards: RefObject<Map<string, HTMLElement>>,
  list: RefObject<HTMLElement | null>,
): { ordered: T[]; beside: boolean } {
  const wide = useWide()
  const beside = wide && enabled && editor !== null
  const [tick, setTick] = useState(0)

  useEffect(() => {
    if (!editor || !beside) return
    const bump = () => setTick((n) => n + 1)
    // Edits (local or remote) move passages; so do a resized window and images that load.
    editor.on('update', bump)
    window.addEventListener('resize', bump)
    const observer = new ResizeObserver(bump)
    const dom = editorDom(editor)
    if (dom) observer.observe(dom)
    return () => {
      editor.off('update', bump)
      observer.disconnect()
      window.removeEventListener('resize', bump)
    }
  }, [editor, beside])

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-sorted when the text changes (tick)
  const ordered = useMemo(() => {
    if (!beside || !editor || editor.isDestroyed) return threads
    const at = (thread: Thread) =>
      thread.detached
        ? Number.POSITIVE_INFINITY
        : (rangeOfAnchor(editor.state, thread.anchor)?.from ?? Number.POSITIVE_INFINITY)
    return [...threads].sort((a, b) => at(a) - at(b))
  }, [beside, editor, threads, tick])

  useEffect(() => {
    const container = list.current
    if (!container) return
    const elements = ordered
      .map((thread) => cards.current.get(thread.id))
      .filter((e): e is HTMLElement => !!e)
    for (const element of elements) element.style.marginTop = ''
    if (!beside || !editor || editor.isDestroyed) return
    let bottom = container.getBoundingClientRect().top
    for (const [index, thread] of ordered.entries()) {
      const element = cards.current.get(thread.id)
      if (!element) continue
      const mark = editorDom(editor)?.querySelector(`[data-thread-id="${CSS.escape(thread.id)}"]`)
      const want = mark ? mark.getBoundingClientRect().top : bottom
      const top = Math.max(want, bottom + (index === 0 ? 0 : GAP))
      element.style.marginTop = `${top - bottom}px`
      bottom = top + element.getBoundingClientRect().height
    }
  })

  return { ordered, beside }
}
