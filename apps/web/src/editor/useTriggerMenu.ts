/**
 * The behaviour shared by the menus a trigger opens in the text (the `[[` / `@` page picker, the
 * `/` blocks menu): follow the plugin's match while the editor has the focus, keep an active
 * option (reset by a new query), take the list keys, and have the editor announce the list and
 * its active option (combobox-like: the focus stays in the text). The caller draws the list.
 */

import type { PluginKey } from '@tiptap/pm/state'
import type { Editor } from '@tiptap/react'
import { useEffect, useRef, useState } from 'react'
import { editorDom } from './editorDom.ts'
import { listKeys, type TriggerBridge, type TriggerMatch, type TriggerState } from './triggerPlugin.ts'

/** What a chosen option belongs to: the match's place and query. */
function matchKey(match: TriggerMatch | null): string {
  return match ? `${match.from}:${match.query}` : ''
}

export interface TriggerMenu<M extends TriggerMatch> {
  match: M | null
  open: boolean
  active: number
  setActive: (index: number) => void
  /** Closes the menu until its trigger is typed again. */
  dismiss: () => void
  /** Where a menu `width` pixels wide goes: under the trigger, inside the window. */
  place: (width: number) => { top: number; left: number } | null
  optionId: (index: number) => string
  listId: string
}

export function useTriggerMenu<M extends TriggerMatch, T>(options: {
  editor: Editor | null
  pluginKey: PluginKey<TriggerState<M>>
  bridge: (editor: Editor) => TriggerBridge | undefined
  id: string
  items: (match: M | null) => T[]
  choose: (item: T, match: M) => void
}): TriggerMenu<M> & { items: T[] } {
  const { editor, pluginKey, id } = options
  const [match, setMatch] = useState<M | null>(null)
  const [focused, setFocused] = useState(false)
  /** The option chosen with the keys or the mouse, for the match (place and query) it was chosen in. */
  const [chosen, setChosen] = useState({ match: '', index: 0 })
  const [, setTick] = useState(0)

  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    const update = () => {
      const next = pluginKey.getState(editor.state)?.match ?? null
      setMatch((previous) =>
        previous?.from === next?.from && previous?.query === next?.query && previous?.to === next?.to
          ? previous
          : next,
      )
    }
    const onFocus = () => setFocused(true)
    const onBlur = () => setFocused(false)
    update()
    setFocused(editor.isFocused)
    editor.on('transaction', update)
    editor.on('focus', onFocus)
    editor.on('blur', onBlur)
    return () => {
      editor.off('transaction', update)
      editor.off('focus', onFocus)
      editor.off('blur', onBlur)
    }
  }, [editor, pluginKey])

  const items = options.items(match)
  const open = match !== null && editor !== null && focused

  // A new query starts from the first option. Derived, not reset by an effect: an arrow key pressed
  // right after the last letter was undone by the effect that ran after it.
  const active = chosen.match === matchKey(match) ? chosen.index : 0
  // Keyed by the plugin's match now, which a key pressed before React re-rendered already has.
  const setActive = (index: number) =>
    setChosen({ match: matchKey(editor ? (pluginKey.getState(editor.state)?.match ?? null) : null), index })

  const dismiss = () => editor?.view.dispatch(editor.state.tr.setMeta(pluginKey, { dismiss: true }))

  // The editor's keys come here while the menu is open.
  const latest = useRef({ items, active, setActive, match, dismiss, choose: options.choose })
  latest.current = { items, active, setActive, match, dismiss, choose: options.choose }
  const bridgeOf = useRef(options.bridge)
  bridgeOf.current = options.bridge
  useEffect(() => {
    const bridge = editor ? bridgeOf.current(editor) : undefined
    if (!bridge) return
    bridge.onKey = (event) => {
      const current = latest.current
      return listKeys(event, {
        count: current.items.length,
        active: current.active,
        setActive: current.setActive,
        choose: () => {
          const item = current.items[current.active]
          if (item === undefined || !current.match) return false
          current.choose(item, current.match)
          return true
        },
        dismiss: current.dismiss,
      })
    }
    return () => {
      bridge.onKey = null
    }
  }, [editor])

  const listId = `${id}-list`
  const optionId = (index: number) => `${id}-option-${index}`
  const dom = editorDom(editor)
  const activeId = open && items[active] !== undefined ? optionId(active) : null
  useEffect(() => {
    if (!dom) return
    if (open) {
      dom.setAttribute('aria-controls', listId)
      if (activeId) dom.setAttribute('aria-activedescendant', activeId)
      else dom.removeAttribute('aria-activedescendant')
    } else if (dom.getAttribute('aria-controls') === listId) {
      dom.removeAttribute('aria-controls')
      dom.removeAttribute('aria-activedescendant')
    }
  }, [dom, open, activeId, listId])

  // Follow the text when the page scrolls.
  useEffect(() => {
    if (!open) return
    const onScroll = () => setTick((n) => n + 1)
    window.addEventListener('scroll', onScroll, true)
    window.addEventListener('resize', onScroll)
    return () => {
      window.removeEventListener('scroll', onScroll, true)
      window.removeEventListener('resize', onScroll)
    }
  }, [open])

  const place = (width: number) => {
    if (!editor || !match) return null
    try {
      const coords = editor.view.coordsAtPos(match.from)
      return {
        top: Math.min(coords.bottom + 6, window.innerHeight - 200),
        left: Math.max(8, Math.min(coords.left, window.innerWidth - width - 20)),
      }
    } catch {
      return null
    }
  }

  return { match, open, active, setActive, dismiss, place, optionId, listId, items }
}
