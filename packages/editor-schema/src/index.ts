/**
 * The editor schema shared by the browser editor and the server.
 *
 * The browser adds the collaboration extensions (Collaboration, carets) and its editing aids
 * (placeholders, menus, paste handling) on top of these; the server loads the same list headless
 * to turn a page's Y.Doc into ProseMirror nodes (plain text, links, headings) without a DOM. Any
 * node or mark a page can contain must be declared here, or the server would drop it when deriving.
 */
import { type AnyExtension, getSchema } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { Callout } from './callout.ts'
import { EvidenceTable } from './evidence-table.ts'
import { PageLink } from './page-link.ts'
import { Quotation } from './quotation.ts'

export { CALLOUT, CALLOUT_TONES, Callout, type CalloutTone } from './callout.ts'
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
      // The trailing-node rule appends an empty paragraph to a page that ends in a list or a
      // table as soon as it is opened: a write, by a reader, that showed them as an editor in
      // recent changes. Pages are left as they are; Enter or a click below the end adds a line.
      trailingNode: false,
      link: { openOnClick: false, autolink: true },
    }),
    PageLink,
    // Column widths are not stored (no resizing): a table reads the same on every screen.
    Table.configure({ resizable: false, HTMLAttributes: { class: 'page-table' } }),
    TableRow,
    TableHeader,
    TableCell,
    // Images are block nodes whose `src` is the URL the upload route answered (/api/files/:id);
    // data: URLs are refused so no page carries megabytes of base64 in its Y.Doc.
    Image.configure({ inline: false, allowBase64: false }),
    TaskList,
    TaskItem.configure({ nested: true }),
    Callout,
    Quotation,
    EvidenceTable,
  ]
}

export function editorSchema() {
  return getSchema(editorExtensions())
}
