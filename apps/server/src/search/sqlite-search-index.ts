/**
 * The search index on SQLite FTS5 (table `page_fts`, migration 0004). Each page is stored twice:
 * as written (title, body: folded by the tokenizer, matched by prefix, shown in snippets) and as
 * French stems (title_stems, body_stems: matched exactly). Titles weigh more than bodies.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { PageKind } from '../store/schema.ts'
import { stems } from './french.ts'
import { parseQuery, type QueryTerm } from './query.ts'
import type { IndexedPage, SearchIndex, SearchQuery, SearchResult } from './search-index.ts'
import { buildSnippet } from './snippet.ts'

interface Row {
  rowid: number
  page_id: string
  title: string
  kind: PageKind
}

/** Ranked candidates asked for at first, per result wanted; more only when filters drop them. */
const FIRST_CANDIDATES_PER_RESULT = 5

/**
 * A query matching more pages than this is ranked among its newest this many matches only.
 * bm25 costs ~1.4 µs a match here, so a word found in each of 10,000 pages took 14 ms to rank
 * against 1.7 ms to find; and words that common hardly rank at all (bm25's weight for a term
 * found in more than half the pages is at its floor), so the newest pages that use them serve as well.
 */
const RANKED_AT_MOST = 2000

/** FTS5 MATCH expression: every term must match, as a word prefix or as a stem. */
export function matchExpression(terms: QueryTerm[]): string {
  return terms
    .map((t) => `({title body} : "${t.folded}"* OR {title_stems body_stems} : "${t.stem}")`)
    .join(' AND ')
}

export class SqliteSearchIndex implements SearchIndex {
  private readonly rowidOf: BetterSqlite3.Statement<[string], { rowid: number }>
  private readonly newRowid: BetterSqlite3.Statement<[string], { rowid: number }>
  private readonly deleteEntry: BetterSqlite3.Statement<[number]>
  private readonly deleteRowid: BetterSqlite3.Statement<[number]>
  private readonly insertEntry: BetterSqlite3.Statement<
    [number, string, string, string, string, string, string]
  >
  private readonly selectEntry: BetterSqlite3.Statement<[number], { body: string; workspace_id: string }>
  private readonly upsertTx: (page: IndexedPage) => void
  private readonly removeTx: (pageIds: string[]) => void
  private readonly rank: BetterSqlite3.Statement<[string, number], { rowid: number }>
  private readonly rankIn: BetterSqlite3.Statement<[string, string, number], { rowid: number }>
  private readonly pagesOf: BetterSqlite3.Statement<[string, string], Row>
  private readonly bodyOf: BetterSqlite3.Statement<[number], { body: string }>
  private readonly newestMatches: BetterSqlite3.Statement<[string, number], { rowid: number }>
  private readonly rankFrom: BetterSqlite3.Statement<[string, number, number], { rowid: number }>

  constructor(
    raw: BetterSqlite3.Database,
    private readonly rankedAtMost = RANKED_AT_MOST,
  ) {
    // FTS5 finds entries by rowid only: page_search_row (migration 0007) gives each page one.
    this.rowidOf = raw.prepare('SELECT rowid FROM page_search_row WHERE page_id = ?')
    this.newRowid = raw.prepare('INSERT INTO page_search_row (page_id) VALUES (?) RETURNING rowid')
    this.deleteEntry = raw.prepare('DELETE FROM page_fts WHERE rowid = ?')
    this.deleteRowid = raw.prepare('DELETE FROM page_search_row WHERE rowid = ?')
    this.insertEntry = raw.prepare(
      `INSERT INTO page_fts (rowid, page_id, workspace_id, title, body, title_stems, body_stems)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    this.selectEntry = raw.prepare('SELECT body, workspace_id FROM page_fts WHERE rowid = ?')
    this.upsertTx = raw.transaction((page: IndexedPage) => {
      const existing = this.rowidOf.get(page.pageId)?.rowid
      const rowid = existing ?? (this.newRowid.get(page.pageId)?.rowid as number)
      if (existing !== undefined) this.deleteEntry.run(rowid)
      this.insertEntry.run(
        rowid,
        page.pageId,
        page.workspaceId,
        page.title,
        page.text,
        stems(page.title),
        stems(page.text),
      )
    })
    this.removeTx = raw.transaction((pageIds: string[]) => {
      for (const id of pageIds) {
        const rowid = this.rowidOf.get(id)?.rowid
        if (rowid === undefined) continue
        this.deleteEntry.run(rowid)
        this.deleteRowid.run(rowid)
      }
    })
    // Ranking reads only the index (rowid and bm25): carrying each match's row, body included,
    // through the sort made a word found in every page cost ~150 ms instead of ~9.
    const weights = 'bm25(page_fts, 0, 0, 10, 1, 5, 0.5)'
    this.rank = raw.prepare(`SELECT rowid FROM page_fts WHERE page_fts MATCH ? ORDER BY ${weights} LIMIT ?`)
    // Rowids grow with each page indexed: the newest matches are those from this rowid on.
    this.newestMatches = raw.prepare(
      'SELECT rowid FROM page_fts WHERE page_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?',
    )
    this.rankFrom = raw.prepare(
      `SELECT rowid FROM page_fts WHERE page_fts MATCH ? AND rowid >= ? ORDER BY ${weights} LIMIT ?`,
    )
    this.rankIn = raw.prepare(
      `SELECT rowid FROM page_fts WHERE page_fts MATCH ?
         AND rowid IN (SELECT r.rowid FROM page_search_row r WHERE r.page_id IN (SELECT value FROM json_each(?)))
       ORDER BY ${weights} LIMIT ?`,
    )
    // The ranked rowids come as one JSON array; the caller keeps their order. CROSS JOIN keeps
    // SQLite from scanning every page of the workspace against the array (80 ms instead of 0.1).
    this.pagesOf = raw.prepare(
      `SELECT r.rowid, p.id AS page_id, p.title, p.kind
       FROM json_each(?) j CROSS JOIN page_search_row r ON r.rowid = j.value
         CROSS JOIN page p ON p.id = r.page_id
       WHERE p.workspace_id = ? AND p.archived_at IS NULL AND p.kind != 'template'`,
    )
    this.bodyOf = raw.prepare('SELECT body FROM page_fts WHERE rowid = ?')
  }

  async upsert(page: IndexedPage): Promise<void> {
    this.upsertTx(page)
  }

  async setTitle(pageId: string, title: string): Promise<void> {
    const rowid = this.rowidOf.get(pageId)?.rowid
    const current = rowid === undefined ? undefined : this.selectEntry.get(rowid)
    if (!current) return
    this.upsertTx({ pageId, workspaceId: current.workspace_id, title, text: current.body })
  }

  async remove(pageIds: string[]): Promise<void> {
    this.removeTx(pageIds)
  }

  async search({ workspaceId, q, kind, pageIds, limit = 20 }: SearchQuery): Promise<SearchResult[]> {
    const terms = parseQuery(q)
    if (terms.length === 0 || pageIds?.length === 0) return []
    const match = matchExpression(terms)
    const ids = pageIds && JSON.stringify(pageIds)
    // Rank matches by the index alone, then keep those of this workspace that are live (and of the
    // kind asked): a first batch of candidates nearly always holds enough; if filters left too
    // few, rank a batch eight times larger, up to every match.
    // Very common words: rank the newest matches only, unless filters leave too few of them.
    let from = ids ? undefined : this.newestMatches.get(match, this.rankedAtMost - 1)?.rowid
    let found: Row[] = []
    let wanted = limit * FIRST_CANDIDATES_PER_RESULT
    for (;;) {
      const ranked = ids
        ? this.rankIn.all(match, ids, wanted)
        : from !== undefined
          ? this.rankFrom.all(match, from, wanted)
          : this.rank.all(match, wanted)
      const order = new Map(ranked.map((row, i) => [row.rowid, i]))
      found = this.pagesOf
        .all(JSON.stringify(ranked.map((row) => row.rowid)), workspaceId)
        .filter((row) => !kind || row.kind === kind)
        .sort((a, b) => (order.get(a.rowid) as number) - (order.get(b.rowid) as number))
      if (found.length >= limit) break
      if (ranked.length === wanted) wanted *= 8
      // The newest matches ran out before the filters kept enough: rank every match.
      else if (from !== undefined) from = undefined
      else break
    }
    return found.slice(0, limit).map((row) => ({
      pageId: row.page_id,
      title: row.title,
      kind: row.kind,
      snippet: buildSnippet(this.bodyOf.get(row.rowid)?.body || row.title, terms),
    }))
  }
}
