/**
 * Reading a page body on the server: the plain facts every derived row starts from (text, links,
 * headings), read straight from the Y.Doc. Reading never writes: y-prosemirror's converters delete
 * from the document whatever the schema cannot build, so they are never run on a page's doc here.
 */

import type { Schema } from '@tiptap/pm/model'
import { editorSchema, PAGE_LINK } from '@tisserand/editor-schema'
import * as Y from 'yjs'

/** The fragment TipTap's Collaboration extension binds to. */
export { BODY_FRAGMENT } from '@tisserand/sync-protocol'

import { BODY_FRAGMENT } from '@tisserand/sync-protocol'

let schema: Schema | null = null
/** Built once: TipTap's getSchema is not free and the schema never changes at run time. */
export function serverSchema(): Schema {
  schema ??= editorSchema()
  return schema
}

export interface Heading {
  level: number
  text: string
}

/** How a page link appears in `text`; passes that show text replace it with the live title. */
export const pageLinkText = (pageId: string) => `[[${pageId}]]`
export const PAGE_LINK_TEXT = /\[\[([A-Za-z0-9_-]{1,64})\]\]/g

export interface PageContent {
  /**
   * Plain text, one line per block, as ProseMirror's `textBetween(…, '\n')` gives it for the
   * editor schema; page links as `[[pageId]]` (see pageLinkText). Elements the schema does not
   * know are read as blocks, so their text is searchable too.
   */
  text: string
  /** Ids of the pages this body links to, each once, in order of appearance. */
  links: string[]
  headings: Heading[]
}

/**
 * Told of each piece of a body's plain text, in order. `item` is the Yjs item the piece comes
 * from: a text item (its content a ContentString) for text, the piece being its whole string;
 * an element's item for the "\n" that starts a block (an empty piece for the first block) and
 * for what stands for a leaf (a page link, a hard break).
 */
export type PieceVisitor = (piece: string, item: Y.Item | null) => void

/** Text of an element's text runs, at any depth (ProseMirror's `textContent`). */
function textContentOf(element: Y.XmlElement): string {
  let out = ''
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) out += stringOf(child)
    else if (child instanceof Y.XmlElement) out += textContentOf(child)
  }
  return out
}

/** The characters of an XmlText, read item by item (formatting items carry none). */
function stringOf(text: Y.XmlText): string {
  let out = ''
  eachStringItem(text, (str) => {
    out += str
  })
  return out
}

function eachStringItem(text: Y.XmlText, visit: (str: string, item: Y.Item) => void): void {
  for (let item = text._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentString) visit(item.content.str, item)
  }
}

/**
 * Reads a body's text, links and headings without changing the document. `onPiece`, if given,
 * hears every piece of `text` with the item it comes from (history reads authorship that way).
 */
export function readPageContent(doc: Y.Doc, onPiece?: PieceVisitor): PageContent {
  const nodes = serverSchema().nodes
  const links = new Set<string>()
  const headings: Heading[] = []
  let text = ''
  let first = true
  const emit = (piece: string, item: Y.Item | null) => {
    text += piece
    onPiece?.(piece, item)
  }
  // ProseMirror's rule: a separator before every textblock (and block leaf) but the first.
  const startBlock = (element: Y.XmlElement) => {
    emit(first ? '' : '\n', element._item)
    first = false
  }
  const walk = (container: Y.XmlFragment | Y.XmlElement) => {
    for (const child of container.toArray()) {
      if (child instanceof Y.XmlText) {
        eachStringItem(child, emit)
        continue
      }
      if (!(child instanceof Y.XmlElement)) continue
      const type = nodes[child.nodeName]
      if (!type) {
        // Unknown: a block of its own when it holds text directly, else a container of blocks.
        if (child.toArray().some((c) => c instanceof Y.XmlText)) startBlock(child)
        walk(child)
        continue
      }
      if (type.isLeaf) {
        if (type.isBlock) startBlock(child)
        if (child.nodeName === PAGE_LINK) {
          const pageId = child.getAttribute('pageId')
          if (typeof pageId === 'string' && pageId) links.add(pageId)
          emit(pageLinkText(typeof pageId === 'string' ? pageId : ''), child._item)
        } else emit(type.isInline ? ' ' : '\n', child._item)
        continue
      }
      if (type.isTextblock) startBlock(child)
      if (child.nodeName === 'heading') {
        headings.push({ level: Number(child.getAttribute('level')) || 1, text: textContentOf(child) })
      }
      walk(child)
    }
  }
  walk(doc.getXmlFragment(BODY_FRAGMENT))
  return { text, links: [...links], headings }
}
