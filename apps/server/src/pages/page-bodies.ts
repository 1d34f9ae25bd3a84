/**
 * Page bodies read and written by the server itself. Reads go through PageDocs and never change
 * the document; writes are Yjs updates sent through PageDocs.write, the same store-then-apply-then-
 * broadcast path as a client's update. Content the server writes at creation (a case sheet's
 * template, the seed study) is one update, written before the page row exists: nobody can open
 * the page earlier, so two clients opening a new page at the same instant cannot insert it twice.
 */
import type { Node as PmNode } from '@tiptap/pm/model'
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { readBodyNode } from '../derive/body-node.ts'
import { BODY_FRAGMENT, serverSchema } from '../derive/page-content.ts'
import type { DocStore } from '../store/doc-store.ts'
import type { PageDocs } from '../sync/page-docs.ts'

export class PageBodies {
  constructor(
    private readonly store: DocStore,
    private readonly docs: PageDocs,
  ) {}

  /** The page's body as a ProseMirror node of the editor schema (what it does not know left out). */
  readNode(pageId: string): Promise<PmNode> {
    return this.docs.read(pageId, readBodyNode)
  }

  /** Writes the initial body of a page that nobody can open yet (its row does not exist). */
  async writeInitial(pageId: string, body: PmNode): Promise<void> {
    // A scratch document only builds the update; the page's own document gets it through PageDocs.
    const doc = new Y.Doc()
    try {
      prosemirrorToYXmlFragment(body, doc.getXmlFragment(BODY_FRAGMENT))
      await this.docs.write(pageId, Y.encodeStateAsUpdate(doc))
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
