/**
 * The workspace's pages as a WAI-ARIA tree: arrow keys move the focus (one tab stop), Enter opens,
 * F2 renames, Alt+Shift+arrows move the page (up, down, into the page above, out of its parent),
 * Delete sends it to the trash; pages are dragged before, after or into another page.
 */
import { type DragEvent, type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { WorkspacePages } from '../pages/WorkspacePages.tsx'
import { TreeItem, type TreeItemContext } from './TreeItem.tsx'
import {
  ancestorIds,
  buildTree,
  type DropPlace,
  dropTarget,
  type KeyboardMove,
  keyboardMove,
  visibleRows,
} from './treeModel.ts'
import { useExpanded } from './useExpanded.ts'
import type { useTreeCommands } from './useTreeCommands.ts'

const DRAG_TYPE = 'application/x-tisserand-page'

const MOVE_KEYS: Record<string, KeyboardMove> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowRight: 'indent',
  ArrowLeft: 'outdent',
}

export function PageTree({
  pages,
  commands,
  currentPageId,
  canEdit,
  labelledBy,
  focusedId,
  onFocusedChange,
  renamingId,
  onRenamingChange,
  codeMatch = null,
}: {
  pages: WorkspacePages
  commands: ReturnType<typeof useTreeCommands>
  currentPageId: string | null
  canEdit: boolean
  labelledBy: string
  focusedId: string | null
  onFocusedChange: (pageId: string) => void
  renamingId: string | null
  onRenamingChange: (pageId: string | null) => void
  /** Pages carrying the code the tree is filtered by (others are dimmed); null: no filter. */
  codeMatch?: ReadonlySet<string> | null
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const list = pages.pages ?? []
  const { expanded, expand, collapse, toggle } = useExpanded(pages.workspaceId)
  const roots = useMemo(() => buildTree(list), [list])
  const rows = useMemo(() => visibleRows(roots, expanded), [roots, expanded])
  const elements = useRef(new Map<string, HTMLElement>())
  const [drop, setDrop] = useState<{ targetId: string; place: DropPlace } | null>(null)
  const dragged = useRef<string | null>(null)
  const moveFocusTo = useRef<{ pageId: string; until: number } | null>(null)

  // The current page is always in view: its ancestors open.
  const { byId } = pages
  useEffect(() => {
    if (currentPageId && byId.has(currentPageId)) {
      const ancestors = ancestorIds(byId, currentPageId)
      if (ancestors.some((id) => !expanded.has(id))) expand(...ancestors)
    }
  }, [currentPageId, byId, expand, expanded])

  // Filtered by code: every matching page is in view.
  useEffect(() => {
    if (!codeMatch) return
    const ancestors = [...codeMatch].flatMap((id) => (byId.has(id) ? ancestorIds(byId, id) : []))
    if (ancestors.some((id) => !expanded.has(id))) expand(...ancestors)
  }, [codeMatch, byId, expand, expanded])

  // The roving tab stop must be on a row that exists.
  const tabStop = rows.some((row) => row.node.page.id === focusedId)
    ? focusedId
    : (rows.find((row) => row.node.page.id === currentPageId)?.node.page.id ?? rows[0]?.node.page.id ?? null)

  // After a keyboard move or a rename, the focus follows the page to its new row: the row is
  // re-created when the server's answer arrives, and the focus would otherwise fall to the body.
  useEffect(() => {
    const pending = moveFocusTo.current
    if (!pending) return
    if (Date.now() > pending.until) {
      moveFocusTo.current = null
      return
    }
    const element = elements.current.get(pending.pageId)
    const active = document.activeElement
    if (element && active !== element && (active === null || active === document.body)) element.focus()
  })

  const focusRow = useCallback(
    (pageId: string | undefined) => {
      if (!pageId) return
      onFocusedChange(pageId)
      elements.current.get(pageId)?.focus()
    },
    [onFocusedChange],
  )

  const open = useCallback(
    (pageId: string, newTab: boolean) => {
      const path = `/p/${encodeURIComponent(pageId)}`
      if (newTab) window.open(path, '_blank', 'noopener')
      else void navigate(path)
    },
    [navigate],
  )

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')
    if (!item || event.target !== item) return
    const pageId = item.dataset.pageId ?? ''
    const i = rows.findIndex((row) => row.node.page.id === pageId)
    const row = rows[i]
    if (!row) return
    const hasChildren = row.node.children.length > 0

    if (event.altKey && event.shiftKey && MOVE_KEYS[event.key]) {
      event.preventDefault()
      const move = MOVE_KEYS[event.key] as KeyboardMove
      if (!canEdit) return
      const target = keyboardMove(list, pageId, move)
      if (!target) return
      if (target.parentId) expand(target.parentId)
      moveFocusTo.current = { pageId, until: Date.now() + 5000 }
      void commands.move(pageId, target)
      return
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return

    switch (event.key) {
      case 'ArrowDown':
        focusRow(rows[i + 1]?.node.page.id)
        break
      case 'ArrowUp':
        focusRow(rows[i - 1]?.node.page.id)
        break
      case 'Home':
        focusRow(rows[0]?.node.page.id)
        break
      case 'End':
        focusRow(rows[rows.length - 1]?.node.page.id)
        break
      case 'ArrowRight':
        if (hasChildren && !expanded.has(pageId)) expand(pageId)
        else if (hasChildren) focusRow(row.node.children[0]?.page.id)
        break
      case 'ArrowLeft':
        if (hasChildren && expanded.has(pageId)) collapse(pageId)
        else focusRow(row.parentId ?? undefined)
        break
      case 'Enter':
        open(pageId, false)
        break
      case 'F2':
        if (canEdit) onRenamingChange(pageId)
        break
      case 'Delete':
        if (canEdit && window.confirm(t('wiki.tree.confirmArchive', { title: row.node.page.title })))
          void commands.archive(pageId)
        break
      case '*':
        expand(...rows.filter((r) => r.parentId === row.parentId).map((r) => r.node.page.id))
        break
      default:
        return
    }
    event.preventDefault()
  }

  function placeFor(event: DragEvent<HTMLElement>): DropPlace {
    const box = event.currentTarget.getBoundingClientRect()
    const y = (event.clientY - box.top) / Math.max(box.height, 1)
    return y < 0.28 ? 'before' : y > 0.72 ? 'after' : 'inside'
  }

  const context: TreeItemContext = {
    expanded,
    focusedId: tabStop,
    currentPageId,
    renamingId,
    draggable: canEdit,
    drop,
    codeMatch,
    register: (pageId, element) => {
      if (element) elements.current.set(pageId, element)
      else elements.current.delete(pageId)
    },
    onFocusItem: onFocusedChange,
    onOpen: open,
    onToggle: toggle,
    onRenameDone: (pageId, title) => {
      onRenamingChange(null)
      moveFocusTo.current = { pageId, until: Date.now() + 5000 }
      elements.current.get(pageId)?.focus()
      if (title !== null) void commands.rename(pageId, title)
    },
    onDragStart: (pageId, event) => {
      dragged.current = pageId
      event.dataTransfer.effectAllowed = 'move'
      event.dataTransfer.setData(DRAG_TYPE, pageId)
      event.dataTransfer.setData('text/plain', byId.get(pageId)?.title ?? '')
    },
    onDragOver: (pageId, event) => {
      const from = dragged.current
      if (!from) return
      const place = placeFor(event)
      if (!dropTarget(list, from, pageId, place)) {
        setDrop(null)
        return
      }
      event.preventDefault()
      event.stopPropagation()
      event.dataTransfer.dropEffect = 'move'
      if (drop?.targetId !== pageId || drop.place !== place) setDrop({ targetId: pageId, place })
    },
    onDrop: (pageId, event) => {
      event.preventDefault()
      event.stopPropagation()
      const from = dragged.current ?? event.dataTransfer.getData(DRAG_TYPE)
      const place = placeFor(event as DragEvent<HTMLElement>)
      dragged.current = null
      setDrop(null)
      const target = from ? dropTarget(list, from, pageId, place) : null
      if (!from || !target) return
      if (target.parentId) expand(target.parentId)
      void commands.move(from, target)
    },
    onDragEnd: () => {
      dragged.current = null
      setDrop(null)
    },
  }

  if (list.length === 0) return <p className="empty">{t('workspace.noPages')}</p>

  return (
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a WAI-ARIA tree keeps list semantics for nesting
    <ul role="tree" className="page-tree" aria-labelledby={labelledBy} onKeyDown={onKeyDown}>
      {roots.map((node, i) => (
        <TreeItem
          key={node.page.id}
          node={node}
          level={1}
          index={i + 1}
          siblings={roots.length}
          context={context}
        />
      ))}
    </ul>
  )
}
