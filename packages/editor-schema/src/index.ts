/**
 * The editor schema shared by the browser editor and the server.
 *
 * The browser adds the collaboration extensions (Collaboration, carets) on top of these; the
 * server loads the same list headless to turn a page's Y.Doc into ProseMirror nodes (plain text,
 * links, headings) without a DOM. Any node or mark a page can contain must be declared here, or
 * the server would drop it when deriving.
 */
import { type AnyExtension, getSchema } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { EvidenceTable } from './evidence-table.ts'
import { PageLink } from './page-link.ts'
import { Quotation } from './quotation.ts'

export {
  EVIDENCE_GROUPINGS,
  EVIDENCE_TABLE,
  type EvidenceFilters,
  type EvidenceGrouping,
  EvidenceTable,
} from './evidence-table.ts'
export { PAGE_LINK, PageLink } from './page-link.ts'
export { QUOTATION, Quotation } from './quotation.ts'

export function editorExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Yjs keeps the history; ProseMirror's own undo would fight the collaborative one.
      undoRedo: false,
      link: { openOnClick: false, autolink: true },
    }),
    PageLink,
    Quotation,
    EvidenceTable,
  ]
}

export function editorSchema() {
  return getSchema(editorExtensions())
}
