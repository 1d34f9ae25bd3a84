/** Table types of quotations, evidence tables and memos (migration 0010). */

export interface QuotationTable {
  page_id: string
  /** As the node names it ('' when it names none); may name a coding that no longer exists. */
  coding_id: string
  workspace_id: string
  /** Order of its first appearance in the page. */
  position: number
  /** The heading it stands under (0-based among the page's headings), and that heading's text. */
  section: number | null
  section_title: string | null
  /** The source's text when the server first saw the quotation (null: not a passage of this workspace). */
  quoted_text: string | null
  /** The source's text as last read: what is shown once the source is gone. */
  last_text: string | null
  created_at: number
  updated_at: number
}

export interface EvidenceTableTable {
  page_id: string
  position: number
  workspace_id: string
  /** JSON array of code ids. */
  code_ids: string
  /** JSON object of case property filters. */
  filters: string
  group_by: string
  section: number | null
  section_title: string | null
}

export interface MemoTable {
  page_id: string
  workspace_id: string
  subject_kind: string
  subject_id: string
  created_at: number
}

export interface QuotationTables {
  quotation: QuotationTable
  evidence_table: EvidenceTableTable
  memo: MemoTable
}
