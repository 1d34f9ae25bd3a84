/**
 * Authorship rows as both document stores read them, how an update row carries its own
 * authorship until compaction, and the rule compaction folds rows by.
 *
 * An appended update keeps who wrote it on its log row (`doc_update.author_id`, and
 * `doc_update.authorship` holding its ranges as JSON): one row to write per keystroke. Compaction,
 * which removes those rows, first moves their ranges into doc_authorship; readers take both.
 */
import type { Selectable } from 'kysely'
import type { AuthorshipRow, ItemRange, UpdateAuthorship } from './doc-store.ts'
import type { DocAuthorshipTable } from './schema.ts'

/** A doc_authorship row as read for one page (its table's own type, without the page). */
export type AuthorshipDbRow = Omit<Selectable<DocAuthorshipTable>, 'doc_name'>

/** An update row's authorship columns, as stored. */
export interface UpdateAuthorshipColumns {
  author_id: string | null
  authorship: string | null
}

/** The columns as a log row read back: with the row's time, which its ranges take. */
export interface PendingAuthorship extends UpdateAuthorshipColumns {
  created_at: number
}

/** A new doc_authorship row (its id comes from the table). */
export type NewAuthorshipRow = Omit<AuthorshipDbRow, 'id'>

/** The stored JSON: ranges flattened to [client, clock, length, …] to stay small. */
interface StoredRanges {
  via: string | null
  inserted: number[]
  deleted: number[]
}

/**
 * The authorship columns of an update; both null when it inserts and deletes nothing. Written by
 * hand rather than with JSON.stringify: it runs for every keystroke, and is only numbers.
 */
export function authorshipColumns(authorship: UpdateAuthorship | undefined): UpdateAuthorshipColumns {
  if (!authorship || (authorship.inserted.length === 0 && authorship.deleted.length === 0))
    return { author_id: null, authorship: null }
  const via = authorship.via == null ? 'null' : JSON.stringify(authorship.via)
  const json = `{"via":${via},"inserted":[${flat(authorship.inserted)}],"deleted":[${flat(authorship.deleted)}]}`
  return { author_id: authorship.userId, authorship: json }
}

/** Ranges as `client,clock,length,…` (StoredRanges' arrays). */
function flat(ranges: ItemRange[]): string {
  let out = ''
  for (const r of ranges) out += `${out ? ',' : ''}${r.client},${r.clock},${r.length}`
  return out
}

/** The doc_authorship rows an update row stands for (none when it has no authorship). */
export function pendingRows(row: PendingAuthorship): NewAuthorshipRow[] {
  if (row.author_id === null || row.authorship === null) return []
  const stored = JSON.parse(row.authorship) as StoredRanges
  const rows: NewAuthorshipRow[] = []
  for (const [kind, flat] of [
    ['insert', stored.inserted],
    ['delete', stored.deleted],
  ] as const) {
    for (let i = 0; i + 2 < flat.length; i += 3)
      rows.push({
        kind,
        client: flat[i] as number,
        clock: flat[i + 1] as number,
        length: flat[i + 2] as number,
        user_id: row.author_id,
        via: stored.via,
        at: Number(row.created_at),
      })
  }
  return rows
}

/** Folded rows and the rows still on the log, together in the order readers expect. */
export function allAuthorship(folded: NewAuthorshipRow[], pending: PendingAuthorship[]): NewAuthorshipRow[] {
  return [...folded, ...pending.flatMap(pendingRows)].sort(byKindClientClock)
}

/** Readers' order: by kind, then client, then clock. */
function byKindClientClock(a: NewAuthorshipRow, b: NewAuthorshipRow): number {
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.client - b.client || a.clock - b.clock
}

/**
 * The ranges of the log rows a compaction removes, folded among themselves into runs (typing
 * leaves one range per keystroke). Each run then extends the stored row it carries on, if any,
 * or becomes a row: compaction touches the rows it adds, never the whole table again.
 */
export function foldedRuns(pending: PendingAuthorship[]): NewAuthorshipRow[] {
  const runs: NewAuthorshipRow[] = []
  for (const row of pending.flatMap(pendingRows).sort(byKindClientClock)) {
    const previous = runs.at(-1)
    if (previous && continues(previous, row)) {
      previous.length += row.length
      previous.at = Math.max(previous.at, row.at)
    } else runs.push({ ...row })
  }
  return runs
}

/** A stored row as the DocStore interface gives it. */
export function asAuthorshipRow(row: NewAuthorshipRow): AuthorshipRow {
  return {
    kind: row.kind,
    client: row.client,
    clock: row.clock,
    length: row.length,
    userId: row.user_id,
    via: row.via,
    at: row.at,
  }
}

/** Consecutive ranges of one user, closer in time than this, become one row at compaction. */
const MERGE_WITHIN_MS = 10 * 60 * 1000

/** Whether `row` carries on `previous` (same kind, client, user and origin, next clocks, close in time). */
export function continues(previous: NewAuthorshipRow, row: NewAuthorshipRow): boolean {
  return (
    previous.kind === row.kind &&
    previous.client === row.client &&
    previous.clock + previous.length === row.clock &&
    previous.user_id === row.user_id &&
    previous.via === row.via &&
    Math.abs(row.at - previous.at) <= MERGE_WITHIN_MS
  )
}
