import type { Editor } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import { ariaShortcut, COMMANDS, type CommandHost, type CommandId, shortcutLabel } from './formatCommands.ts'

/** One formatting button: its name and shortcut are announced; toggles say whether they are on. */
export function CommandButton({
  editor,
  host,
  id,
  tabIndex,
}: {
  editor: Editor
  host: CommandHost
  id: CommandId
  tabIndex?: number
}) {
  const { t, i18n } = useTranslation()
  const command = COMMANDS[id]
  const label = t(`editor.commands.${id}`)
  const keys = command.keys ? shortcutLabel(command.keys, i18n.resolvedLanguage ?? 'fr') : null
  const title = keys ? t('editor.withShortcut', { label, keys }) : label
  return (
    <button
      type="button"
      className={`format-button format-${id}`}
      aria-label={label}
      data-tip={title}
      aria-keyshortcuts={command.keys ? ariaShortcut(command.keys) : undefined}
      aria-pressed={command.isActive ? command.isActive(editor) : undefined}
      tabIndex={tabIndex}
      data-command={id}
      // Keep the selection in the text while the button is pressed.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => command.run(editor, host)}
    >
      <CommandGlyph id={id} glyph={command.glyph} />
    </button>
  )
}

/** Drawn icons where no common font has a glyph (link, image, callout); letters elsewhere. */
const ICONS: Partial<Record<CommandId, string>> = {
  link: 'M8.5 11.5a3 3 0 0 0 4.2 0l2.6-2.6a3 3 0 0 0-4.2-4.2l-.9.9M11.5 8.5a3 3 0 0 0-4.2 0l-2.6 2.6a3 3 0 0 0 4.2 4.2l.9-.9',
  image: 'M3.5 4.5h13v11h-13zM3.5 13l4-4 3 3 2-2 4 4M12.5 7.5h.01',
  callout: 'M10 3.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13zM10 9v4M10 6.5h.01',
}

export function CommandGlyph({ id, glyph }: { id: CommandId; glyph: string }) {
  const path = ICONS[id]
  // Drawn by CSS, so the glyph is not text that the button's name would have to contain.
  if (!path) return <span aria-hidden="true" className="glyph" data-glyph={glyph} />
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18">
      <path
        d={path}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
