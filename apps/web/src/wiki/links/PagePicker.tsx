/**
 * The page picker opened by typing `[[` or `@` in the editor: the workspace's pages whose title
 * matches what follows, arrows to choose, Enter or Tab to insert a link, Escape to close. The
 * editor keeps the focus; the list is its aria-controls with the chosen option active.
 */
import type { Editor } from '@tiptap/react'
import { PAGE_LINK } from '@tisserand/editor-schema'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PageSummary } from '../../api/types.ts'
import { listKeys } from '../../editor/triggerPlugin.ts'
import { useWorkspacePages } from '../pages/WorkspacePages.tsx'
import { rankTitles } from './foldText.ts'
import type { LivePageLinkStorage } from './livePageLink.ts'
import { type PickerMatch, pickerKey } from './pickerPlugin.ts'

const LIMIT = 8

export function PagePicker({ editor }: { editor: Editor | null }) {
  const { t } = useTranslation()
  const id = useId()
  const pages = useWorkspacePages()
  const [match, setMatch] = useState<PickerMatch | null>(null)
  const [active, setActive] = useState(0)
  const [, setTick] = useState(0)
  const [focused, setFocused] = useState(false)

  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    const update = () => {
      const next = pickerKey.getState(editor.state)?.match ?? null
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
  }, [editor])

  const recent = useMemo(
    () => [...(pages?.pages ?? [])].sort((a, b) => b.updatedAt - a.updatedAt),
    [pages?.pages],
  )
  const items = useMemo(() => (match ? rankTitles(recent, match.query, LIMIT) : []), [match, recent])
  const open = match !== null && editor !== null && focused

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query starts from the best match
  useEffect(() => setActive(0), [match?.query, match?.from])

  const insert = (page: PageSummary) => {
    if (!editor || !match) return
    editor
      .chain()
      .focus()
      .insertContentAt({ from: match.from, to: match.to }, [
        { type: PAGE_LINK, attrs: { pageId: page.id } },
        { type: 'text', text: ' ' },
      ])
      .run()
  }

  const dismiss = () => editor?.view.dispatch(editor.state.tr.setMeta(pickerKey, { dismiss: true }))

  // The editor's keys come here while the picker is open.
  const latest = useRef({ items, active, insert, dismiss })
  latest.current = { items, active, insert, dismiss }
  useEffect(() => {
    if (!editor) return
    const storage = (editor.storage as unknown as Record<string, LivePageLinkStorage | undefined>)[PAGE_LINK]
    if (!storage) return
    storage.picker.onKey = (event) => {
      const { items: list, active: index } = latest.current
      return listKeys(event, {
        count: list.length,
        active: index,
        setActive,
        choose: () => {
          const page = list[index]
          if (page) latest.current.insert(page)
          return Boolean(page)
        },
        dismiss: () => latest.current.dismiss(),
      })
    }
    return () => {
      storage.picker.onKey = null
    }
  }, [editor])

  // The editor announces the list and its chosen option (combobox-like, focus stays in the text).
  const dom = editor && !editor.isDestroyed ? editor.view.dom : null
  const activeId = open && items[active] ? `${id}-option-${active}` : null
  useEffect(() => {
    if (!dom) return
    if (open) {
      dom.setAttribute('aria-controls', `${id}-list`)
      if (activeId) dom.setAttribute('aria-activedescendant', activeId)
      else dom.removeAttribute('aria-activedescendant')
    } else {
      dom.removeAttribute('aria-controls')
      dom.removeAttribute('aria-activedescendant')
    }
  }, [dom, open, activeId, id])

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

  if (!open || !editor || !match) return null
  let coords = { left: 0, bottom: 0 }
  try {
    coords = editor.view.coordsAtPos(match.from)
  } catch {
    return null
  }
  const left = Math.max(8, Math.min(coords.left, window.innerWidth - 340))

  return (
    <div className="page-picker" style={{ top: coords.bottom + 6, left }}>
      <p className="page-picker-head" id={`${id}-label`}>
        {match.query.trim() ? t('wiki.links.pickerFor', { query: match.query }) : t('wiki.links.pickerTitle')}
      </p>
      <div id={`${id}-list`} role="listbox" aria-labelledby={`${id}-label`}>
        {items.map((page, i) => (
          <div
            key={page.id}
            id={`${id}-option-${i}`}
            tabIndex={-1}
            role="option"
            aria-selected={i === active}
            className="page-picker-option"
            onMouseDown={(event) => {
              event.preventDefault()
              insert(page)
            }}
            onMouseEnter={() => setActive(i)}
          >
            <span className="page-picker-title">{page.title}</span>
            <span className={`kind-tag kind-${page.kind}`}>{t(`kinds.${page.kind}`)}</span>
          </div>
        ))}
      </div>
      {items.length === 0 && <p className="page-picker-empty">{t('wiki.links.noMatch')}</p>}
      <p className="page-picker-help">{t('wiki.links.pickerHelp')}</p>
    </div>
  )
}
