/**
 * The formatting toolbar above the page body (WAI-ARIA toolbar: one tab stop, arrow keys move
 * between buttons, Home and End jump to the ends). Inside a table, a second row offers its
 * operations; on a selected image, its alt text.
 */
import type { Editor } from '@tiptap/react'
import { type KeyboardEvent, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { CommandButton } from './CommandButton.tsx'
import { type CommandHost, TOOLBAR_GROUPS } from './formatCommands.ts'
import { useEditorTick } from './useEditorTick.ts'

const TABLE_ACTIONS = [
  ['addRowAfter', (e: Editor) => e.chain().focus().addRowAfter().run()],
  ['addColumnAfter', (e: Editor) => e.chain().focus().addColumnAfter().run()],
  ['deleteRow', (e: Editor) => e.chain().focus().deleteRow().run()],
  ['deleteColumn', (e: Editor) => e.chain().focus().deleteColumn().run()],
  ['mergeCells', (e: Editor) => e.chain().focus().mergeCells().run()],
  ['splitCell', (e: Editor) => e.chain().focus().splitCell().run()],
  ['toggleHeaderRow', (e: Editor) => e.chain().focus().toggleHeaderRow().run()],
  ['deleteTable', (e: Editor) => e.chain().focus().deleteTable().run()],
] as const

/** Arrow keys, Home and End move the focus among a toolbar's buttons. */
export function rovingKeys(event: KeyboardEvent<HTMLElement>) {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')]
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
  const next =
    event.key === 'ArrowRight'
      ? (index + 1) % buttons.length
      : event.key === 'ArrowLeft'
        ? (index - 1 + buttons.length) % buttons.length
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? buttons.length - 1
            : -1
  if (event.key === 'Escape') {
    // Back to the text, where the caret was.
    event.preventDefault()
    document.querySelector<HTMLElement>('.page-body')?.focus()
    return
  }
  if (next < 0) return
  event.preventDefault()
  for (const [i, button] of buttons.entries()) button.tabIndex = i === next ? 0 : -1
  buttons[next]?.focus()
}

export function EditorToolbar({
  editor,
  host,
  onEditAlt,
}: {
  editor: Editor
  host: CommandHost
  onEditAlt: () => void
}) {
  const { t } = useTranslation()
  useEditorTick(editor)
  const first = useRef(true)
  first.current = true
  const tabIndex = () => {
    const value = first.current ? 0 : -1
    first.current = false
    return value
  }
  const inTable = editor.isActive('table')
  const onImage = editor.isActive('image')
  return (
    <div className="editor-toolbars">
      <div className="editor-toolbar" role="toolbar" aria-label={t('editor.toolbar')} onKeyDown={rovingKeys}>
        {TOOLBAR_GROUPS.map((group) => (
          <div className="toolbar-group" key={group.join()}>
            {group.map((id) => (
              <CommandButton key={id} editor={editor} host={host} id={id} tabIndex={tabIndex()} />
            ))}
          </div>
        ))}
        {onImage && (
          <div className="toolbar-group">
            <button
              type="button"
              className="toolbar-text-button"
              tabIndex={-1}
              onMouseDown={(event) => event.preventDefault()}
              onClick={onEditAlt}
            >
              {t('editor.image.altText')}
            </button>
          </div>
        )}
      </div>
      {inTable && (
        <div
          className="editor-toolbar table-toolbar"
          role="toolbar"
          aria-label={t('editor.tableTools')}
          onKeyDown={rovingKeys}
        >
          {TABLE_ACTIONS.map(([name, run], i) => (
            <button
              key={name}
              type="button"
              className="toolbar-text-button"
              tabIndex={i === 0 ? 0 : -1}
              data-table-action={name}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => run(editor)}
            >
              {t(`editor.table.${name}`)}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
