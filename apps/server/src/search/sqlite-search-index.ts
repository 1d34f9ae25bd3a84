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
  page_id: string
  title: string
  kind: PageKind
  body: string
}

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
  private readonly searchAll: BetterSqlite3.Statement<[string, string, number], Row>
  private readonly searchKind: BetterSqlite3.Statement<[string, string, string, number], Row>
  private readonly searchIn: BetterSqlite3.Statement<[string, string, string, number], Row>
  private readonly searchKindIn: BetterSqlite3.Statement<[string, string, string, string, number], Row>

  constructor(raw: BetterSqlite3.Database) {
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
    const search = (kindFilter: string) => `
      SELECT f.page_id, p.title, p.kind, f.body
      FROM page_fts f JOIN page p ON p.id = f.page_id
      WHERE page_fts MATCH ? AND f.workspace_id = ? AND p.archived_at IS NULL
        AND p.kind != 'template' ${kindFilter}
      ORDER BY bm25(page_fts, 0, 0, 10, 1, 5, 0.5)
      LIMIT ?`
    this.searchAll = raw.prepare(search(''))
    this.searchKind = raw.prepare(search('AND p.kind = ?'))
    // The page ids come as one JSON array parameter.
    const inPages = 'AND f.page_id IN (SELECT value FROM json_each(?))'
    this.searchIn = raw.prepare(search(inPages))
    this.searchKindIn = raw.prepare(search(`AND p.kind = ? ${inPages}`))
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
    const rows = ids
      ? kind
        ? this.searchKindIn.all(match, workspaceId, kind, ids, limit)
        : this.searchIn.all(match, workspaceId, ids, limit)
      : kind
        ? this.searchKind.all(match, workspaceId, kind, limit)
        : this.searchAll.all(match, workspaceId, limit)
    return rows.map((row) => ({
      pageId: row.page_id,
      title: row.title,
      kind: row.kind,
      snippet: buildSnippet(row.body || row.title, terms),
    }))
  }
}
