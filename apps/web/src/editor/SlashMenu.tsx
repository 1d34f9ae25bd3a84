/**
 * The `/` menu: typing `/` at the start of a line (or after a space) lists the blocks to insert,
 * filtered by the word typed after it; arrows choose, Enter or Tab inserts, Escape closes. The
 * focus stays in the text (editor/useTriggerMenu.ts, shared with the page picker).
 */
import type { Editor } from '@tiptap/react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { foldText } from '../wiki/links/foldText.ts'
import { CommandGlyph } from './CommandButton.tsx'
import { editorAidsOf } from './editorAids.ts'
import { COMMANDS, type CommandHost, type CommandId, SLASH_ITEMS, shortcutLabel } from './formatCommands.ts'
import { type SlashMatch, slashKey } from './slashPlugin.ts'
import { useTriggerMenu } from './useTriggerMenu.ts'

const WIDTH = 280

export function SlashMenu({ editor, host }: { editor: Editor | null; host: CommandHost }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const insert = (item: CommandId, match: SlashMatch) => {
    if (!editor) return
    editor.chain().focus().deleteRange({ from: match.from, to: match.to }).run()
    COMMANDS[item].run(editor, host)
  }
  const menu = useTriggerMenu<SlashMatch, CommandId>({
    editor,
    pluginKey: slashKey,
    bridge: (e) => editorAidsOf(e)?.slash,
    id,
    items: (match) => {
      if (!match) return []
      const query = foldText(match.query)
      return SLASH_ITEMS.filter((item) => {
        if (!query) return true
        const words = foldText(`${t(`editor.commands.${item}`)} ${COMMANDS[item].aliases}`)
        return words.split(/\s+/).some((word) => word.startsWith(query))
      })
    },
    choose: insert,
  })
  const { match, items, active } = menu
  const place = menu.open ? menu.place(WIDTH) : null
  if (!editor || !match || !place) return null
  const language = i18n.resolvedLanguage ?? 'fr'
  return (
    <div className="slash-menu page-picker" style={place}>
      <p className="page-picker-head" id={`${id}-label`}>
        {match.query ? t('editor.slash.for', { query: match.query }) : t('editor.slash.title')}
      </p>
      <div id={menu.listId} role="listbox" aria-labelledby={`${id}-label`}>
        {items.map((item, i) => {
          const keys = COMMANDS[item].keys
          return (
            <div
              key={item}
              id={menu.optionId(i)}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className="page-picker-option"
              onMouseDown={(event) => {
                event.preventDefault()
                insert(item, match)
              }}
              onMouseEnter={() => menu.setActive(i)}
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
