/**
 * Page bodies read and written by the server itself, through the same document log the sync
 * server uses. Content the server writes (a case sheet's template, the seed study) is one Yjs
 * update appended once, at creation: clients that open the page only ever sync it, so two of
 * them opening a new page at the same instant cannot insert it twice.
 */
import type { Node as PmNode } from '@tiptap/pm/model'
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { BODY_FRAGMENT, bodyNode, serverSchema } from '../derive/page-content.ts'
import type { DocStore } from '../store/doc-store.ts'
import type { PageDocs } from '../sync/page-docs.ts'

export class PageBodies {
  constructor(
    private readonly store: DocStore,
    private readonly docs: PageDocs,
  ) {}

  /** The page's body as a ProseMirror node, read from its current document (live or stored). */
  readNode(pageId: string): Promise<PmNode> {
    return this.docs.read(pageId, bodyNode)
  }

  /** Writes the initial body of a page that nobody can open yet (its row does not exist). */
  async writeInitial(pageId: string, body: PmNode): Promise<void> {
    const doc = new Y.Doc()
    try {
      prosemirrorToYXmlFragment(body, doc.getXmlFragment(BODY_FRAGMENT))
      await this.store.append(pageId, Y.encodeStateAsUpdate(doc))
    } finally {
      doc.destroy()
    }
  }

  /** Same, from ProseMirror JSON (`{type:'doc', content:[...]}`) checked against the editor schema. */
  writeInitialJson(pageId: string, json: unknown): Promise<void> {
    const node = serverSchema().nodeFromJSON(json)
    node.check()
    return this.writeInitial(pageId, node)
  }

  remove(pageIds: string[]): Promise<void> {
    return this.store.remove(pageIds)
  }
}
