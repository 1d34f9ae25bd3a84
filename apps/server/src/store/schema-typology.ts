/** Table types of the typology (migration 0006): codebook, its history, codings of pages and passages. */
import type { Generated } from 'kysely'

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
  /** The coding round whose agreed coding this is (migration 0009); null outside rounds. */
  round_id: string | null
  settled_by: string | null
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
  /** The coding round the coding belongs to (migration 0009); null when made outside any round. */
  round_id: string | null
  /** 'coder': a coder's coding in the round; 'agreed': the round's agreed coding. */
  round_role: 'coder' | 'agreed' | null
  settled_by: string | null
  /** 1 once the round's agreed coding replaces it: kept and shown, left out of the views. */
  superseded: Generated<number>
}

export interface CodingRoundTable {
  id: string
  workspace_id: string
  name: string
  blind: number
  status: 'open' | 'revealed'
  adjudicator_id: string | null
  created_by: string
  created_at: number
  revealed_by: string | null
  revealed_at: number | null
  agreement: string | null
}

export interface RoundCaseCodeTable {
  round_id: string
  page_id: string
  code_id: string
  created_by: string
  created_at: number
  superseded: Generated<number>
}

export interface CodingRoundItemTable {
  id: string
  round_id: string
  page_id: string
  level: 'passage' | 'case'
  seq: number
  data: string
  status: 'agreed' | 'open' | 'settled'
  outcome: string | null
  settled_by: string | null
  settled_at: number | null
}

export interface ImportedCoderTable {
  workspace_id: string
  user_id: string
  refi_guid: string
  origin: string
  linked_to: string | null
  linked_at: number | null
}

export interface TypologyTables {
  code: CodeTable
  code_relation: CodeRelationTable
  codebook_change: CodebookChangeTable
  page_code: PageCodeTable
  passage_coding: PassageCodingTable
  coding_round: CodingRoundTable
  coding_round_page: { round_id: string; page_id: string }
  coding_round_coder: { round_id: string; user_id: string }
  coding_round_code: { round_id: string; code_id: string }
  round_case_code: RoundCaseCodeTable
  coding_round_item: CodingRoundItemTable
  imported_coder: ImportedCoderTable
}
