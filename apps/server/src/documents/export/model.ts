/**
 * A page body as the exports see it: a small tree of blocks and inline runs, read straight from the
 * page's Y.Doc (never written: the same rule as derive/body-node.ts, whose schema decides what is
 * known). Passages addressed beside the body (comment threads, coded passages) are given as
 * offsets in `flattenBody`'s text; they split the runs they cover, so a renderer can highlight them
 * and put a footnote where each one ends.
 */

import * as Y from 'yjs'
import { BODY_FRAGMENT, type FlatBody, flattenBody } from '../../anchors/text-anchors.ts'
import { serverSchema } from '../../derive/page-content.ts'

export interface Marks {
  bold?: boolean
  italic?: boolean
  underline?: boolean
  strike?: boolean
  code?: boolean
  /** An external link's address. */
  href?: string
  /** Covered by a coded passage: the colour of its (first) code. */
  highlight?: string
}

export type Inline =
  | { t: 'text'; text: string; marks: Marks }
  | { t: 'pageLink'; pageId: string }
  | { t: 'break' }
  /** A footnote's call: `n` numbers it within the body. */
  | { t: 'note'; n: number }

export interface ListItem {
  blocks: Block[]
  checked?: boolean
}

export interface TableCell {
  header: boolean
  colspan: number
  rowspan: number
  blocks: Block[]
}

export type Block =
  | { t: 'heading'; level: number; content: Inline[] }
  | { t: 'paragraph'; content: Inline[] }
  | { t: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | { t: 'tasks'; items: ListItem[] }
  | { t: 'quote'; blocks: Block[] }
  | { t: 'callout'; tone: string; blocks: Block[] }
  | { t: 'code'; text: string }
  | { t: 'rule' }
  | { t: 'image'; src: string; alt: string; fileId: string | null }
  | { t: 'table'; rows: TableCell[][] }
  /** A live quotation of a coded passage, resolved by the reader (null when it is gone). */
  | { t: 'quotation'; codingId: string }
  /** An evidence table (a live view of coded passages), expanded by the reader as it is now. */
  | { t: 'evidence'; codeIds: string[]; filters: Record<string, string>; groupBy: 'case' | 'code' }

/** A passage anchored beside the body, in `flattenBody` offsets (UTF-16, end exclusive). */
export interface Span {
  from: number
  to: number
  /** Footnote text put where the passage ends; none for a passage only highlighted. */
  note?: string
  /** A highlight colour for the passage's text. */
  highlight?: string
}

export interface ExportBody {
  blocks: Block[]
  /** Footnotes in call order: `notes[n - 1]` is the text of call `n`. */
  notes: string[]
}

/** y-prosemirror stores marks that may overlap (several links) as `name--hash`. */
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/
const FILE_SRC = /^\/api\/files\/([A-Za-z0-9_-]{1,64})$/

/** Reads `doc` (without changing it) into blocks; `spansOf` gets the flat text to place passages on. */
export function readExportBody(doc: Y.Doc, spansOf?: (flat: FlatBody) => Span[]): ExportBody {
  const fragment = doc.getXmlFragment(BODY_FRAGMENT)
  const flat = flattenBody(fragment)
  const textStart = new Map(flat.texts.map((s) => [s.type, s.from]))
  const spans = (spansOf?.(flat) ?? []).filter((s) => s.to > s.from)
  const schema = serverSchema()
  const notes: string[] = []
  const placed = new Set<Span>()
  const bounds = [...new Set(spans.flatMap((s) => [s.from, s.to]))].sort((a, b) => a - b)

  const place = (span: Span): Inline[] => {
    if (!span.note || placed.has(span)) return []
    placed.add(span)
    notes.push(span.note)
    return [{ t: 'note', n: notes.length }]
  }

  const inlineOf = (text: Y.XmlText, out: Inline[]) => {
    let at = textStart.get(text) ?? 0
    for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
      if (typeof op.insert !== 'string') {
        at += 1
        continue
      }
      const marks = marksOf(op.attributes ?? {}, schema.marks)
      let from = at
      const end = at + op.insert.length
      // Cut the run where passages start or end.
      const cuts = bounds.filter((b) => b > from && b < end)
      for (const cut of [...cuts, end]) {
        const piece = op.insert.slice(from - at, cut - at)
        const covering = spans.filter((s) => s.highlight && s.from < cut && s.to > from)
        const pieceMarks = covering.length > 0 ? { ...marks, highlight: covering[0]?.highlight } : marks
        if (piece) out.push({ t: 'text', text: piece, marks: pieceMarks })
        for (const span of spans) if (span.to === cut) out.push(...place(span))
        from = cut
      }
      at = end
    }
  }

  const inlineChildren = (element: Y.XmlElement): Inline[] => {
    const out: Inline[] = []
    for (const child of element.toArray()) {
      if (child instanceof Y.XmlText) inlineOf(child, out)
      else if (child instanceof Y.XmlElement) {
        if (child.nodeName === 'pageLink') {
          const pageId = child.getAttribute('pageId')
          if (typeof pageId === 'string') out.push({ t: 'pageLink', pageId })
        } else if (child.nodeName === 'hardBreak') out.push({ t: 'break' })
        else out.push(...inlineChildren(child))
      }
    }
    return out
  }

  const textOf = (element: Y.XmlElement): string =>
    element
      .toArray()
      .map((c) =>
        c instanceof Y.XmlText
          ? (c.toDelta() as { insert: unknown }[])
              .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
              .join('')
          : '',
      )
      .join('')

  const items = (element: Y.XmlElement, checked: boolean): ListItem[] =>
    element
      .toArray()
      .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
      .map((item) => {
        const out: ListItem = { blocks: blocksOf(item) }
        const value = item.getAttribute('checked') as unknown
        if (checked) out.checked = value === true || value === 'true'
        return out
      })

  const blockOf = (el: Y.XmlElement): Block[] => {
    const attr = (name: string) => el.getAttribute(name) as unknown
    switch (el.nodeName) {
      case 'paragraph':
        return [{ t: 'paragraph', content: inlineChildren(el) }]
      case 'heading':
        return [
          {
            t: 'heading',
            level: Math.min(6, Math.max(1, Number(attr('level')) || 1)),
            content: inlineChildren(el),
          },
        ]
      case 'bulletList':
        return [{ t: 'list', ordered: false, start: 1, items: items(el, false) }]
      case 'orderedList':
        return [{ t: 'list', ordered: true, start: Number(attr('start')) || 1, items: items(el, false) }]
      case 'taskList':
        return [{ t: 'tasks', items: items(el, true) }]
      case 'blockquote':
        return [{ t: 'quote', blocks: blocksOf(el) }]
      case 'callout':
        return [{ t: 'callout', tone: String(attr('tone') ?? 'info'), blocks: blocksOf(el) }]
      case 'codeBlock':
        return [{ t: 'code', text: textOf(el) }]
      case 'horizontalRule':
        return [{ t: 'rule' }]
      case 'image': {
        const src = String(attr('src') ?? '')
        return [{ t: 'image', src, alt: String(attr('alt') ?? ''), fileId: FILE_SRC.exec(src)?.[1] ?? null }]
      }
      case 'table':
        return [
          {
            t: 'table',
            rows: el
              .toArray()
              .filter((r): r is Y.XmlElement => r instanceof Y.XmlElement)
              .map((row) =>
                row
                  .toArray()
                  .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
                  .map((cell) => ({
                    header: cell.nodeName === 'tableHeader',
                    colspan: Number(cell.getAttribute('colspan')) || 1,
                    rowspan: Number(cell.getAttribute('rowspan')) || 1,
                    blocks: blocksOf(cell),
                  })),
              ),
          },
        ]
      case 'quotation':
        return [{ t: 'quotation', codingId: String(attr('codingId') ?? '') }]
      case 'evidenceTable': {
        const ids = attr('codeIds')
        const filters = attr('filters')
        return [
          {
            t: 'evidence',
            codeIds: Array.isArray(ids)
              ? ids.filter((x): x is string => typeof x === 'string').slice(0, 50)
              : [],
            filters:
              filters && typeof filters === 'object'
                ? Object.fromEntries(
                    Object.entries(filters as Record<string, unknown>).filter(
                      (e): e is [string, string] => typeof e[1] === 'string',
                    ),
                  )
                : {},
            groupBy: attr('groupBy') === 'code' ? 'code' : 'case',
          },
        ]
      }
      default:
        // An element the schema does not know: its text is kept, as blocks.
        return schema.nodes[el.nodeName]?.isInline ? [] : blocksOf(el)
    }
  }

  function blocksOf(container: Y.XmlFragment | Y.XmlElement): Block[] {
    const out: Block[] = []
    for (const child of container.toArray()) {
      if (child instanceof Y.XmlElement) out.push(...blockOf(child))
      else if (child instanceof Y.XmlText) {
        const content: Inline[] = []
        inlineOf(child, content)
        if (content.length > 0) out.push({ t: 'paragraph', content })
      }
    }
    return out
  }

  const blocks = blocksOf(fragment)
  // A passage whose end lies nowhere a run could carry it still gets its note, at the end.
  const rest = spans.filter((s) => s.note && !placed.has(s))
  if (rest.length > 0) blocks.push({ t: 'paragraph', content: rest.flatMap(place) })
  return { blocks, notes }
}

function marksOf(attributes: Record<string, unknown>, known: Record<string, unknown>): Marks {
  const marks: Marks = {}
  for (const [key, value] of Object.entries(attributes)) {
    const name = HASHED_MARK.exec(key)?.[1] ?? key
    if (!(name in known) || value === null || value === undefined) continue
    if (name === 'bold') marks.bold = true
    else if (name === 'italic') marks.italic = true
    else if (name === 'underline') marks.underline = true
    else if (name === 'strike') marks.strike = true
    else if (name === 'code') marks.code = true
    else if (name === 'link') {
      const href = (value as { href?: unknown }).href
      if (typeof href === 'string' && safeHref(href)) marks.href = href
    }
  }
  return marks
}

/** Links kept in exports: web, mail and in-app addresses; never `javascript:` or `data:`. */
export function safeHref(href: string): boolean {
  return /^(https?:|mailto:|\/|#)/i.test(href.trim())
}

/** The plain text of inline runs (page links through `title`). */
export function inlineText(content: Inline[], title: (pageId: string) => string): string {
  return content
    .map((i) => (i.t === 'text' ? i.text : i.t === 'pageLink' ? title(i.pageId) : i.t === 'break' ? ' ' : ''))
    .join('')
}

/** A heading one level lower (a page's sections under its chapter title in a dossier). */
export function shiftHeadings(blocks: Block[], by: number): Block[] {
  if (by === 0) return blocks
  return blocks.map((b) => (b.t === 'heading' ? { ...b, level: Math.min(6, b.level + by) } : b))
}
