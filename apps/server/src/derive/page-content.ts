/**
 * Reading a page body on the server: its Y.Doc turned into a ProseMirror node with the shared
 * editor schema (headless, no DOM), and the plain facts every derived row starts from.
 */

import type { Node as PmNode, Schema } from '@tiptap/pm/model'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { editorSchema, PAGE_LINK } from '@tisserand/editor-schema'
import type * as Y from 'yjs'

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
  /** The body as ProseMirror sees it; nodes unknown to the schema are dropped. */
  node: PmNode
  /** Plain text, one line per block; page links as `[[pageId]]` (see pageLinkText). */
  text: string
  /** Ids of the pages this body links to, each once, in order of appearance. */
  links: string[]
  headings: Heading[]
}

export function bodyNode(doc: Y.Doc): PmNode {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(BODY_FRAGMENT), serverSchema())
}

export function readPageContent(doc: Y.Doc): PageContent {
  const node = bodyNode(doc)
  const links = new Set<string>()
  const headings: Heading[] = []
  node.descendants((child) => {
    if (child.type.name === PAGE_LINK && typeof child.attrs.pageId === 'string' && child.attrs.pageId)
      links.add(child.attrs.pageId)
    if (child.type.name === 'heading') {
      headings.push({ level: Number(child.attrs.level) || 1, text: child.textContent })
      return false
    }
    return true
  })
  const text = node.textBetween(0, node.content.size, '\n', (leaf) =>
    leaf.type.name === PAGE_LINK ? pageLinkText(String(leaf.attrs.pageId ?? '')) : leaf.isInline ? ' ' : '\n',
  )
  return { node, text, links: [...links], headings }
}
