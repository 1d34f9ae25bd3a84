/**
 * Who inserted or deleted each Yjs item of a page, from its authorship ranges
 * (store/doc-store.ts), looked up by client and clock.
 */
import type { AuthorshipRow } from '../store/doc-store.ts'

export interface Credit {
  userId: string | null
  via: string | null
  at: number | null
}

export interface CreditedSpan extends Credit {
  /** Offset in the looked-up range, and length. */
  offset: number
  length: number
}

type Ranges = AuthorshipRow[]

export class AuthorIndex {
  private readonly byClient = new Map<number, Ranges>()

  /** `rows` of one kind; `owners` credits items no row covers to their client's user. */
  constructor(
    rows: AuthorshipRow[],
    private readonly owners: ReadonlyMap<number, string> = new Map(),
  ) {
    for (const row of rows) {
      const list = this.byClient.get(row.client)
      if (list) list.push(row)
      else this.byClient.set(row.client, [row])
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.clock - b.clock)
  }

  /** The credits covering clocks `clock` to `clock + length - 1` of `client`, in order. */
  spans(client: number, clock: number, length: number): CreditedSpan[] {
    const fallback: Credit = { userId: this.owners.get(client) ?? null, via: null, at: null }
    const list = this.byClient.get(client) ?? []
    const out: CreditedSpan[] = []
    let at = clock
    const end = clock + length
    for (let i = firstEndingAfter(list, clock); i < list.length && at < end; i++) {
      const row = list[i] as AuthorshipRow
      if (row.clock >= end) break
      if (row.clock > at) {
        out.push({ ...fallback, offset: at - clock, length: row.clock - at })
        at = row.clock
      }
      const stop = Math.min(end, row.clock + row.length)
      if (stop > at) {
        out.push({ userId: row.userId, via: row.via, at: row.at, offset: at - clock, length: stop - at })
        at = stop
      }
    }
    if (at < end) out.push({ ...fallback, offset: at - clock, length: end - at })
    return out
  }

  /** The credit of one item. */
  creditOf(client: number, clock: number): Credit {
    const [span] = this.spans(client, clock, 1)
    return span ?? { userId: this.owners.get(client) ?? null, via: null, at: null }
  }
}

/** Index of the first range whose end is past `clock` (ranges sorted by clock, not overlapping). */
function firstEndingAfter(list: Ranges, clock: number): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const mid = (low + high) >> 1
    const row = list[mid] as AuthorshipRow
    if (row.clock + row.length <= clock) low = mid + 1
    else high = mid
  }
  return low
}
