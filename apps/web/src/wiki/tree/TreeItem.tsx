import type { DragEvent, KeyboardEvent, MouseEvent } from 'react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useKeptHere } from '../../offline/useOffline.ts'
import type { DropPlace, TreeNode } from './treeModel.ts'

export interface TreeItemContext {
  expanded: ReadonlySet<string>
  focusedId: string | null
  currentPageId: string | null
  renamingId: string | null
  draggable: boolean
  drop: { targetId: string; place: DropPlace } | null
  /** Pages with the code the tree is filtered by; null: no filter. */
  codeMatch: ReadonlySet<string> | null
  register: (pageId: string, element: HTMLElement | null) => void
  onFocusItem: (pageId: string) => void
  onOpen: (pageId: string, newTab: boolean) => void
  onToggle: (pageId: string) => void
  onRenameDone: (pageId: string, title: string | null) => void
  onDragStart: (pageId: string, event: DragEvent) => void
  onDragOver: (pageId: string, event: DragEvent<HTMLElement>) => void
  onDrop: (pageId: string, event: DragEvent) => void
  onDragEnd: () => void
}

/** One page of the tree and, when expanded, its children (a WAI-ARIA treeitem with its group). */
export function TreeItem({
  node,
  level,
  index,
  siblings,
  context,
}: {
  node: TreeNode
  level: number
  index: number
  siblings: number
  context: TreeItemContext
}) {
  const { t } = useTranslation()
  const { page, children } = node
  const hasChildren = children.length > 0
  const isExpanded = hasChildren && context.expanded.has(page.id)
  const dropPlace = context.drop?.targetId === page.id ? context.drop.place : null
  const coded = context.codeMatch ? context.codeMatch.has(page.id) : null
  // Offline, a page whose body is not on this device is told apart before it is opened.
  const keptHere = useKeptHere(page.id)

  function open(event: MouseEvent) {
    event.stopPropagation()
    context.onFocusItem(page.id)
    context.onOpen(page.id, event.ctrlKey || event.metaKey || event.button === 1)
  }

  return (
    <li
      ref={(element) => context.register(page.id, element)}
      role="treeitem"
      aria-level={level}
      aria-posinset={index}
      aria-setsize={siblings}
      aria-expanded={hasChildren ? isExpanded : undefined}
      aria-selected={page.id === context.currentPageId}
      aria-current={page.id === context.currentPageId ? 'page' : undefined}
      tabIndex={page.id === context.focusedId ? 0 : -1}
      data-page-id={page.id}
      className="tree-item"
      onFocus={(event) => {
        if (event.target === event.currentTarget) context.onFocusItem(page.id)
      }}
    >
      {/* Drag and drop is the pointer's way to move; the keyboard has Alt+Shift+arrows and "Move…". */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: drop target for a dragged treeitem */}
      <div
        className="tree-row"
        data-code-match={coded === null ? undefined : String(coded)}
        data-offline={keptHere === null ? undefined : keptHere ? 'kept' : 'missing'}
        title={keptHere === false ? t('offline.tree.missing') : undefined}
        data-drop={dropPlace ?? undefined}
        style={{ paddingInlineStart: `${(level - 1) * 1.1 + 0.25}rem` }}
        draggable={context.draggable && context.renamingId !== page.id}
        onDragStart={(event) => context.onDragStart(page.id, event)}
        onDragOver={(event) => context.onDragOver(page.id, event)}
        onDrop={(event) => context.onDrop(page.id, event)}
        onDragEnd={context.onDragEnd}
      >
        {/* Pointer only: the keyboard expands with the arrow keys. */}
        <span
          className="tree-twisty"
          aria-hidden="true"
          data-state={hasChildren ? (isExpanded ? 'open' : 'closed') : 'leaf'}
          onClick={(event) => {
            event.stopPropagation()
            if (hasChildren) context.onToggle(page.id)
          }}
        />
        <span
          className={`tree-kind kind-dot-${page.kind}`}
          title={t(`kinds.${page.kind}`)}
          aria-hidden="true"
        />
        {context.renamingId === page.id ? (
          <RenameInput title={page.title} onDone={(title) => context.onRenameDone(page.id, title)} />
        ) : (
          // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the treeitem handles Enter; this is the pointer's way in
          <span className="tree-label" onClick={open} onAuxClick={open}>
            {page.title}
            <span className="visually-hidden">, {t(`kinds.${page.kind}`)}</span>
            {keptHere === false && <span className="visually-hidden">, {t('offline.tree.missing')}</span>}
            {coded && (
              <span className="tree-code-mark" title={t('wiki.tree.hasCode')}>
                <span aria-hidden="true"> ●</span>
                <span className="visually-hidden">, {t('wiki.tree.hasCode')}</span>
              </span>
            )}
          </span>
        )}
      </div>
      {isExpanded && (
        // biome-ignore lint/a11y/useSemanticElements: a treeitem's children are a WAI-ARIA group, not a fieldset
        <ul role="group" className="tree-group">
          {children.map((child, i) => (
            <TreeItem
              key={child.page.id}
              node={child}
              level={level + 1}
              index={i + 1}
              siblings={children.length}
              context={context}
            />
          ))}
        </ul>
      )}
    </li>
  )
}

function RenameInput({ title, onDone }: { title: string; onDone: (title: string | null) => void }) {
  const { t } = useTranslation()
  const [value, setValue] = useState(title)
  const ref = useRef<HTMLInputElement>(null)
  const done = useRef(false)
  useEffect(() => {
    ref.current?.focus()
    ref.current?.select()
  }, [])
  const finish = (result: string | null) => {
    if (done.current) return
    done.current = true
    onDone(result)
  }
  return (
    <input
      ref={ref}
      className="tree-rename"
      type="text"
      aria-label={t('wiki.tree.renameLabel', { title })}
      value={value}
      maxLength={300}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
        event.stopPropagation()
        if (event.key === 'Enter') finish(value)
        if (event.key === 'Escape') finish(null)
      }}
      onBlur={() => finish(value)}
      onClick={(event) => event.stopPropagation()}
    />
  )
}
