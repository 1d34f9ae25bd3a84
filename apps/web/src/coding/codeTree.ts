/** The codebook as an ordered tree: dimensions (top-level codes) and their codes, depth first. */
import type { Code } from './codingApi.ts'

export interface TreeCode extends Code {
  depth: number
  dimensionId: string
  /** Labels from the dimension down to this code. */
  path: string[]
  /** Inherited from the nearest coloured ancestor when the code has none. */
  shownColor: string
}

const FALLBACK_COLOR = '#8a8a8a'

/** Codes in tree order (siblings by position), each with its depth, dimension and path. */
export function codeTree(codes: readonly Code[]): TreeCode[] {
  const children = new Map<string | null, Code[]>()
  const ids = new Set(codes.map((c) => c.id))
  for (const code of codes) {
    const parent = code.parentId && ids.has(code.parentId) ? code.parentId : null
    const list = children.get(parent) ?? []
    list.push(code)
    children.set(parent, list)
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position)
  const out: TreeCode[] = []
  const walk = (parentId: string | null, parent: TreeCode | null) => {
    for (const code of children.get(parentId) ?? []) {
      const node: TreeCode = {
        ...code,
        depth: parent ? parent.depth + 1 : 0,
        dimensionId: parent ? parent.dimensionId : code.id,
        path: parent ? [...parent.path, code.label] : [code.label],
        shownColor: code.color ?? parent?.shownColor ?? FALLBACK_COLOR,
      }
      out.push(node)
      walk(code.id, node)
    }
  }
  walk(null, null)
  return out
}

/** Lower case without accents, for searching French labels ("regard" finds "Régard"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** The codable codes matching `query` (every word in the label or the path), grouped by dimension. */
export function searchCodable(
  tree: readonly TreeCode[],
  query: string,
): { dimension: TreeCode; codes: TreeCode[] }[] {
  const words = fold(query).split(/\s+/).filter(Boolean)
  const groups: { dimension: TreeCode; codes: TreeCode[] }[] = []
  for (const dimension of tree.filter((c) => c.depth === 0)) {
    const codes = tree.filter((c) => {
      if (c.dimensionId !== dimension.id || c.depth === 0 || !c.codable || c.retired) return false
      const haystack = fold(c.path.join(' '))
      return words.every((w) => haystack.includes(w))
    })
    if (codes.length > 0) groups.push({ dimension, codes })
  }
  return groups
}

/**
 * Text colour readable on `background` (#RRGGBB): near-black or white, whichever contrasts more
 * (WCAG relative luminance).
 */
export function readableOn(background: string): string {
  const hex = background.replace('#', '')
  const channel = (i: number) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  const l = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
  // Contrast with #1f1f1f (luminance ≈ 0.0137) against contrast with white.
  return (l + 0.05) / (0.0137 + 0.05) >= 1.05 / (l + 0.05) ? '#1f1f1f' : '#ffffff'
}
