/**
 * The page tree as data: nested nodes from the flat page list, the rows a reader sees, and the
 * `{parentId, position}` a move sends to the server. Positions are fractional: a page goes
 * between two neighbours by taking a number between theirs.
 */
import type { PageSummary } from '../../api/types.ts'

export interface TreeNode {
  page: PageSummary
  children: TreeNode[]
}

export interface TreeRow {
  node: TreeNode
  depth: number
  /** 1-based place among its siblings, and their count (aria-posinset / aria-setsize). */
  index: number
  siblings: number
  parentId: string | null
}

export interface MoveTarget {
  parentId: string | null
  /** Absent: last under the new parent. */
  position?: number
}

export type DropPlace = 'before' | 'after' | 'inside'

const byPosition = (a: PageSummary, b: PageSummary) =>
  a.position - b.position || a.title.localeCompare(b.title)

export function buildTree(pages: readonly PageSummary[]): TreeNode[] {
  const nodes = new Map(pages.map((page) => [page.id, { page, children: [] as TreeNode[] }]))
  const roots: TreeNode[] = []
  for (const node of nodes.values()) {
    const parent = node.page.parentId ? nodes.get(node.page.parentId) : undefined
    // A page whose parent is not in the list (in the trash, say) shows at the root rather than nowhere.
    ;(parent ? parent.children : roots).push(node)
  }
  const sort = (list: TreeNode[]) => {
    list.sort((a, b) => byPosition(a.page, b.page))
    for (const node of list) sort(node.children)
  }
  sort(roots)
  return roots
}

/** The rows on screen: every root, and the children of expanded pages. */
export function visibleRows(roots: readonly TreeNode[], expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = []
  const walk = (list: readonly TreeNode[], depth: number, parentId: string | null) => {
    list.forEach((node, i) => {
      rows.push({ node, depth, index: i + 1, siblings: list.length, parentId })
      if (node.children.length > 0 && expanded.has(node.page.id)) walk(node.children, depth + 1, node.page.id)
    })
  }
  walk(roots, 1, null)
  return rows
}

/** Ids of the page's ancestors, nearest first. */
export function ancestorIds(pages: ReadonlyMap<string, PageSummary>, pageId: string): string[] {
  const ids: string[] = []
  let current = pages.get(pageId)?.parentId ?? null
  while (current && !ids.includes(current)) {
    ids.push(current)
    current = pages.get(current)?.parentId ?? null
  }
  return ids
}

export function positionBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return 1
  if (before === undefined) return (after as number) - 1
  if (after === undefined) return before + 1
  return (before + after) / 2
}

function siblingsOf(pages: readonly PageSummary[], parentId: string | null, except?: string): PageSummary[] {
  return pages.filter((p) => p.parentId === parentId && p.id !== except).sort(byPosition)
}

/** Whether `candidateId` is `pageId` or lies under it. */
export function isSelfOrDescendant(
  pages: readonly PageSummary[],
  pageId: string,
  candidateId: string,
): boolean {
  const byId = new Map(pages.map((p) => [p.id, p]))
  let current: string | null = candidateId
  const seen = new Set<string>()
  while (current && !seen.has(current)) {
    if (current === pageId) return true
    seen.add(current)
    current = byId.get(current)?.parentId ?? null
  }
  return false
}

export type KeyboardMove = 'up' | 'down' | 'indent' | 'outdent'

/** Where a keyboard move takes the page, or null when it cannot go that way. */
export function keyboardMove(
  pages: readonly PageSummary[],
  pageId: string,
  move: KeyboardMove,
): MoveTarget | null {
  const page = pages.find((p) => p.id === pageId)
  if (!page) return null
  const siblings = siblingsOf(pages, page.parentId)
  const i = siblings.findIndex((p) => p.id === pageId)
  switch (move) {
    case 'up': {
      if (i <= 0) return null
      return {
        parentId: page.parentId,
        position: positionBetween(siblings[i - 2]?.position, siblings[i - 1]?.position),
      }
    }
    case 'down': {
      if (i < 0 || i >= siblings.length - 1) return null
      return {
        parentId: page.parentId,
        position: positionBetween(siblings[i + 1]?.position, siblings[i + 2]?.position),
      }
    }
    case 'indent': {
      const previous = siblings[i - 1]
      return previous ? { parentId: previous.id } : null
    }
    case 'outdent': {
      const parent = pages.find((p) => p.id === page.parentId)
      if (!parent) return null
      return dropTarget(pages, pageId, parent.id, 'after')
    }
  }
}

/** Where dropping `pageId` on `targetId` takes it, or null for a drop onto itself or inside its own subtree. */
export function dropTarget(
  pages: readonly PageSummary[],
  pageId: string,
  targetId: string,
  place: DropPlace,
): MoveTarget | null {
  const target = pages.find((p) => p.id === targetId)
  if (!target || isSelfOrDescendant(pages, pageId, targetId)) return null
  if (place === 'inside') return { parentId: target.id }
  const siblings = siblingsOf(pages, target.parentId, pageId)
  const i = siblings.findIndex((p) => p.id === targetId)
  const position =
    place === 'before'
      ? positionBetween(siblings[i - 1]?.position, target.position)
      : positionBetween(target.position, siblings[i + 1]?.position)
  return { parentId: target.parentId, position }
}
