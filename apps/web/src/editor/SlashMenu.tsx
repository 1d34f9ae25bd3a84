/**
 * The `/` menu: typing `/` at the start of a line (or after a space) lists the blocks to insert,
 * filtered by the word typed after it; arrows choose, Enter or Tab inserts, Escape closes. The
 * focus stays in the text; the list is the editor's aria-controls with its active option.
 */
import type { Editor } from '@tiptap/react'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { foldText } from '../wiki/links/foldText.ts'
import { CommandGlyph } from './CommandButton.tsx'
import { editorAidsOf } from './editorAids.ts'
import { editorDom } from './editorDom.ts'
import { COMMANDS, type CommandHost, type CommandId, SLASH_ITEMS, shortcutLabel } from './formatCommands.ts'
import { type SlashMatch, slashKey } from './slashPlugin.ts'
import { listKeys } from './triggerPlugin.ts'

export function SlashMenu({ editor, host }: { editor: Editor | null; host: CommandHost }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [match, setMatch] = useState<SlashMatch | null>(null)
  const [active, setActive] = useState(0)

  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    const update = () => {
      const next = editor.isFocused ? (slashKey.getState(editor.state)?.match ?? null) : null
      setMatch((previous) =>
        previous?.from === next?.from && previous?.query === next?.query ? previous : next,
      )
    }
    update()
    editor.on('transaction', update)
    editor.on('blur', update)
    editor.on('focus', update)
    return () => {
      editor.off('transaction', update)
      editor.off('blur', update)
      editor.off('focus', update)
    }
  }, [editor])

  const items = useMemo(() => {
    if (!match) return []
    const query = foldText(match.query)
    return SLASH_ITEMS.filter((item) => {
      if (!query) return true
      const words = foldText(`${t(`editor.commands.${item}`)} ${COMMANDS[item].aliases}`)
      return words.split(/\s+/).some((word) => word.startsWith(query))
    })
  }, [match, t])

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query starts from the first item
  useEffect(() => setActive(0), [match?.query, match?.from])

  const insert = (item: CommandId) => {
    if (!editor || !match) return
    editor.chain().focus().deleteRange({ from: match.from, to: match.to }).run()
    COMMANDS[item].run(editor, host)
  }
  const dismiss = () => editor?.view.dispatch(editor.state.tr.setMeta(slashKey, { dismiss: true }))

  const latest = useRef({ items, active, insert, dismiss })
  latest.current = { items, active, insert, dismiss }
  useEffect(() => {
    const aids = editor ? editorAidsOf(editor) : undefined
    if (!aids) return
    aids.slash.onKey = (event) => {
      const { items: list, active: index } = latest.current
      return listKeys(event, {
        count: list.length,
        active: index,
        setActive,
        choose: () => {
          const item = list[index]
          if (item) latest.current.insert(item)
          return Boolean(item)
        },
        dismiss: () => latest.current.dismiss(),
      })
    }
    return () => {
      aids.slash.onKey = null
    }
  }, [editor])

  const open = match !== null && editor !== null
  const dom = editorDom(editor)
  const activeId = open && items[active] ? `${id}-option-${active}` : null
  useEffect(() => {
    if (!dom) return
    if (open) {
      dom.setAttribute('aria-controls', `${id}-list`)
      if (activeId) dom.setAttribute('aria-activedescendant', activeId)
      else dom.removeAttribute('aria-activedescendant')
    } else if (dom.getAttribute('aria-controls') === `${id}-list`) {
      dom.removeAttribute('aria-controls')
      dom.removeAttribute('aria-activedescendant')
    }
  }, [dom, open, activeId, id])

  if (!open || !editor || !match) return null
  let coords = { left: 0, bottom: 0 }
  try {
    coords = editor.view.coordsAtPos(match.from)
  } catch {
    return null
  }
  const left = Math.max(8, Math.min(coords.left, window.innerWidth - 300))
  const top = Math.min(coords.bottom + 6, window.innerHeight - 200)
  const language = i18n.resolvedLanguage ?? 'fr'
  return (
    <div className="slash-menu page-picker" style={{ top, left }}>
      <p className="page-picker-head" id={`${id}-label`}>
        {match.query ? t('editor.slash.for', { query: match.query }) : t('editor.slash.title')}
      </p>
      <div id={`${id}-list`} role="listbox" aria-labelledby={`${id}-label`}>
        {items.map((item, i) => {
          const keys = COMMANDS[item].keys
          return (
            <div
              key={item}
              id={`${id}-option-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className="page-picker-option"
              onMouseDown={(event) => {
                event.preventDefault()
                insert(item)
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="slash-glyph">
                <CommandGlyph id={item} glyph={COMMANDS[item].glyph} />
              </span>
              <span className="page-picker-title">{t(`editor.commands.${item}`)}</span>
              {keys && <kbd className="slash-keys">{shortcutLabel(keys, language)}</kbd>}
            </div>
          )
        })}
      </div>
      {items.length === 0 && <p className="page-picker-empty">{t('editor.slash.none')}</p>}
      <p className="page-picker-help">{t('editor.slash.help')}</p>
    </div>
  )
}
