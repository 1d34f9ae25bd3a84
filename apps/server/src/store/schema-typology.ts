/** Table types of the typology (migration 0006): codebook, its history, codings of pages and passages. */

export interface CodeTable {
  id: string
  workspace_id: string
  parent_id: string | null
  label: string
  description: string
  color: string | null
  position: number
  codable: number
  retired_at: number | null
  created_at: number
  updated_at: number
}

export interface CodeRelationTable {
  id: string
  workspace_id: string
  from_code_id: string
  to_code_id: string
  kind: string
  created_at: number
}

export interface CodebookChangeTable {
  id: string
  workspace_id: string
  seq: number
  kind: string
  code_id: string | null
  actor_id: string | null
  created_at: number
  /** JSON of the rows touched, each with its state before and after. */
  effects: string
  summary: string
  reverts_id: string | null
  reverted_by_id: string | null
}

export interface PageCodeTable {
  page_id: string
  code_id: string
  workspace_id: string
  created_by: string
  created_at: number
}

export interface PassageCodingTable {
  id: string
  workspace_id: string
  page_id: string
  code_id: string
  anchor_start: Uint8Array
  anchor_end: Uint8Array
  quote: string
  created_by: string
  created_at: number
  updated_at: number
  /** Derived by the server from the page body: the passage as it reads now (null when detached). */
  text: string | null
  start_offset: number | null
  end_offset: number | null
  detached: number
  derived_at: number | null
}

export interface TypologyTables {
  code: CodeTable
  code_relation: CodeRelationTable
  codebook_change: CodebookChangeTable
  page_code: PageCodeTable
  passage_coding: PassageCodingTable
}
