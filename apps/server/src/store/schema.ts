/** Table types for Kysely. One interface per table; the migrations are the source of truth. */
import type { Generated } from 'kysely'

export interface DocUpdateTable {
  id: Generated<number>
  doc_name: string
  data: Uint8Array
  created_at: number
}

export interface DocSnapshotTable {
  doc_name: string
  data: Uint8Array
  /** Highest doc_update id merged into this snapshot. */
  merged_through: number
  updated_at: number
}

export interface Database {
  doc_update: DocUpdateTable
  doc_snapshot: DocSnapshotTable
}
