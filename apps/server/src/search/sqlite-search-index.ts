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
  private readonly deleteStmt: BetterSqlite3.Statement<[string]>
  private readonly insertStmt: BetterSqlite3.Statement<[string, string, string, string, string, string]>
  private readonly upsertTx: (page: IndexedPage) => void
  private readonly selectOne: BetterSqlite3.Statement<[string], { body: string; workspace_id: string }>
  private readonly searchAll: BetterSqlite3.Statement<[string, string, number], Row>
  private readonly searchKind: BetterSqlite3.Statement<[string, string, string, number], Row>

  constructor(private readonly raw: BetterSqlite3.Database) {
    this.deleteStmt = raw.prepare('DELETE FROM page_fts WHERE page_id = ?')
    this.insertStmt = raw.prepare(
      `INSERT INTO page_fts (page_id, workspace_id, title, body, title_stems, body_stems)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    this.upsertTx = raw.transaction((page: IndexedPage) => {
      this.deleteStmt.run(page.pageId)
      this.insertStmt.run(
        page.pageId,
        page.workspaceId,
        page.title,
        page.text,
        stems(page.title),
        stems(page.text),
      )
    })
    this.selectOne = raw.prepare('SELECT body, workspace_id FROM page_fts WHERE page_id = ?')
    const search = (kindFilter: string) => `
      SELECT f.page_id, p.title, p.kind, f.body
      FROM page_fts f JOIN page p ON p.id = f.page_id
      WHERE page_fts MATCH ? AND f.workspace_id = ? AND p.archived_at IS NULL
        AND p.kind != 'template' ${kindFilter}
      ORDER BY bm25(page_fts, 0, 0, 10, 1, 5, 0.5)
      LIMIT ?`
    this.searchAll = raw.prepare(search(''))
    this.searchKind = raw.prepare(search('AND p.kind = ?'))
  }

  async upsert(page: IndexedPage): Promise<void> {
    this.upsertTx(page)
  }

  async setTitle(pageId: string, title: string): Promise<void> {
    const current = this.selectOne.get(pageId)
    if (!current) return
    this.upsertTx({ pageId, workspaceId: current.workspace_id, title, text: current.body })
  }

  async remove(pageIds: string[]): Promise<void> {
    this.raw.transaction(() => {
      for (const id of pageIds) this.deleteStmt.run(id)
    })()
  }

  async search({ workspaceId, q, kind, limit = 20 }: SearchQuery): Promise<SearchResult[]> {
    const terms = parseQuery(q)
    if (terms.length === 0) return []
    const match = matchExpression(terms)
    const rows = kind
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
