/**
 * The page picker opened by typing `[[` or `@` in the editor: the workspace's pages whose title
 * matches what follows, arrows to choose, Enter or Tab to insert a link, Escape to close. The
 * editor keeps the focus; the list is its aria-controls with the chosen option active
 * (editor/useTriggerMenu.ts, shared with the `/` menu).
 */
import type { Editor } from '@tiptap/react'
import { PAGE_LINK } from '@tisserand/editor-schema'
import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { PageSummary } from '../../api/types.ts'
import { useTriggerMenu } from '../../editor/useTriggerMenu.ts'
import { useWorkspacePages } from '../pages/WorkspacePages.tsx'
import { rankTitles } from './foldText.ts'
import type { LivePageLinkStorage } from './livePageLink.ts'
import { type PickerMatch, pickerKey } from './pickerPlugin.ts'

const LIMIT = 8
const WIDTH = 320

function insertLink(editor: Editor, match: PickerMatch, page: PageSummary) {
  editor
    .chain()
    .focus()
    .insertContentAt({ from: match.from, to: match.to }, [
      { type: PAGE_LINK, attrs: { pageId: page.id } },
      { type: 'text', text: ' ' },
    ])
    .run()
}

export function PagePicker({ editor }: { editor: Editor | null }) {
  const { t } = useTranslation()
  const id = useId()
  const pages = useWorkspacePages()
  const recent = useMemo(
    () => [...(pages?.pages ?? [])].sort((a, b) => b.updatedAt - a.updatedAt),
    [pages?.pages],
  )
  const menu = useTriggerMenu<PickerMatch, PageSummary>({
    editor,
    pluginKey: pickerKey,
    bridge: (e) =>
      (e.storage as unknown as Record<string, LivePageLinkStorage | undefined>)[PAGE_LINK]?.picker,
    id,
    items: (match) => (match ? rankTitles(recent, match.query, LIMIT) : []),
    choose: (page, match) => editor && insertLink(editor, match, page),
  })
  const { match, items, active } = menu
  const place = menu.open ? menu.place(WIDTH) : null
  if (!editor || !match || !place) return null

  return (
    <div className="page-picker" style={place}>
      <p className="page-picker-head" id={`${id}-label`}>
        {match.query.trim() ? t('wiki.links.pickerFor', { query: match.query }) : t('wiki.links.pickerTitle')}
      </p>
      <div id={menu.listId} role="listbox" aria-labelledby={`${id}-label`}>
        {items.map((page, i) => (
          <div
            key={page.id}
            id={menu.optionId(i)}
            tabIndex={-1}
            role="option"
            aria-selected={i === active}
            className="page-picker-option"
            onMouseDown={(event) => {
              event.preventDefault()
              insertLink(editor, match, page)
            }}
            onMouseEnter={() => menu.setActive(i)}
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
