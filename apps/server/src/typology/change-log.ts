/**
 * Codebook changes as row effects: every change records the rows it inserted, updated or deleted,
 * with their state before and after, so any change can be reverted by applying the inverse, and
 * a revert refuses (409) when later changes touched the same rows.
 */
import type { Kysely, Transaction } from 'kysely'
import { ApiError } from '../errors.ts'
import type { Database } from '../store/schema.ts'

export type EffectTable = 'code' | 'code_relation' | 'page_code' | 'passage_coding'

type Row = Record<string, unknown>

export interface Effect {
  table: EffectTable
  key: Row
  /** The row (insert: null; update: the changed columns before; delete: the whole row). */
  before: Row | null
  /** The row (delete: null; update: the changed columns after; insert: the whole row). */
  after: Row | null
}

// The effect tables are chosen at run time; their rows are plain column maps.
type Loose = Kysely<Record<EffectTable, Row>>

async function selectRow(tx: Loose, table: EffectTable, key: Row): Promise<Row | undefined> {
  let q = tx.selectFrom(table).selectAll()
  for (const [column, value] of Object.entries(key)) q = q.where(column as never, '=', value as never)
  return (await q.executeTakeFirst()) as Row | undefined
}

/** Collects the effects of one change inside a transaction. */
export class EffectRecorder {
  readonly effects: Effect[] = []
  private readonly tx: Loose

  constructor(tx: Transaction<Database>) {
    this.tx = tx as unknown as Loose
  }

  async insert(table: EffectTable, key: Row, row: Row): Promise<void> {
    await this.tx.insertInto(table).values(row).execute()
    this.effects.push({ table, key, before: null, after: row })
  }

  /** Sets `patch` on the row; records only columns whose value changes. Returns false if no row. */
  async update(table: EffectTable, key: Row, patch: Row): Promise<boolean> {
    const current = await selectRow(this.tx, table, key)
    if (!current) return false
    const before: Row = {}
    const after: Row = {}
    for (const [column, value] of Object.entries(patch)) {
      if (current[column] === value) continue
      before[column] = current[column]
      after[column] = value
    }
    if (Object.keys(after).length === 0) return true
    let q = this.tx.updateTable(table).set(after)
    for (const [column, value] of Object.entries(key)) q = q.where(column as never, '=', value as never)
    await q.execute()
    this.effects.push({ table, key, before, after })
    return true
  }

  async delete(table: EffectTable, key: Row): Promise<void> {
    const current = await selectRow(this.tx, table, key)
    if (!current) return
    let q = this.tx.deleteFrom(table)
    for (const [column, value] of Object.entries(key)) q = q.where(column as never, '=', value as never)
    await q.execute()
    this.effects.push({ table, key, before: current, after: null })
  }

  /** Applies the inverse of `effects` (last first), checking each row is as the change left it. */
  async undo(effects: Effect[]): Promise<void> {
    for (const effect of [...effects].reverse()) {
      const current = await selectRow(this.tx, effect.table, effect.key)
      if (effect.before === null) {
        if (!current) continue
        await this.delete(effect.table, effect.key)
      } else if (effect.after === null) {
        if (current) throw conflict()
        await this.insert(effect.table, effect.key, effect.before)
      } else {
        if (!current) throw conflict()
        for (const [column, value] of Object.entries(effect.after)) {
          if (current[column] !== value) throw conflict()
        }
        await this.update(effect.table, effect.key, effect.before)
      }
    }
  }
}

function conflict(): ApiError {
  return new ApiError(
    409,
    'changed_since',
    'Later changes touched the same codes or codings; revert those first',
  )
}

/** Blobs do not survive JSON: effects never hold them (anchors are never part of a codebook change). */
export function serializeEffects(effects: Effect[]): string {
  return JSON.stringify(effects)
}

export function parseEffects(json: string): Effect[] {
  return JSON.parse(json) as Effect[]
}
