/** Authorship rows as both document stores read them, and the rule compaction folds them by. */

export interface AuthorshipDbRow {
  id: number
  kind: 'insert' | 'delete'
  client: number
  clock: number
  length: number
  user_id: string
  via: string | null
  at: number
}

/** Consecutive ranges of one user, closer in time than this, become one row at compaction. */
const MERGE_WITHIN_MS = 10 * 60 * 1000

/** Whether `row` carries on `previous` (same kind, client, user and origin, next clocks, close in time). */
export function continues(previous: AuthorshipDbRow, row: AuthorshipDbRow): boolean {
  return (
    previous.kind === row.kind &&
    previous.client === row.client &&
    previous.clock + previous.length === row.clock &&
    previous.user_id === row.user_id &&
    previous.via === row.via &&
    Math.abs(row.at - previous.at) <= MERGE_WITHIN_MS
  )
}
