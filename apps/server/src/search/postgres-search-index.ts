/**
 * The search index on PostgreSQL (table `page_search`, migration 0015), matching FTS5's behaviour:
 * each query word must match an indexed word as a prefix once both are folded (`unaccent`, then
 * the `simple` configuration's lower case: `ecole` finds `École`, `gouv` finds `gouvernance`), or
 * match its French stem (the `french` configuration on unaccented text: `gouvernances` finds
 * `gouvernance`). Titles are weighted A, bodies B, so a title match ranks first. The query is split
 * into words in JavaScript (search/query.ts) and each word is a bound parameter, so tsquery syntax
 * never comes from the user. Snippets are the same as SQLite's (search/snippet.ts).
 */
import type pg from 'pg'
import type { PageKind } from '../store/schema.ts'
import { parseQuery } from './query.ts'
import type { IndexedPage, SearchIndex, SearchQuery, SearchResult } from './search-index.ts'
import { buildSnippet } from './snippet.ts'

const UPSERT = `
  INSERT INTO page_search (page_id, workspace_id, title, body, words, stems)
  VALUES ($1, $2, $3, $4,
    setweight(to_tsvector('simple', unaccent($3)), 'A') || setweight(to_tsvector('simple', unaccent($4)), 'B'),
    setweight(to_tsvector('french', unaccent($3)), 'A') || setweight(to_tsvector('french', unaccent($4)), 'B'))
  ON CONFLICT (page_id) DO UPDATE SET workspace_id = excluded.workspace_id, title = excluded.title,
    body = excluded.body, words = excluded.words, stems = excluded.stems`

/** Ranking: title (A) over body (B), prefix matches over stem matches (FTS5's bm25 weights 10/1/5/0.5). */
const WEIGHTS = '{0, 0, 0.1, 1}'

interface Row {
  page_id: string
  title: string
  kind: PageKind
  body: string
}

export class PostgresSearchIndex implements SearchIndex {
  constructor(private readonly pool: pg.Pool) {}

  async upsert(page: IndexedPage): Promise<void> {
    await this.pool.query(UPSERT, [page.pageId, page.workspaceId, page.title, page.text])
  }

  async setTitle(pageId: string, title: string): Promise<void> {
    const { rows } = await this.pool.query<{ workspace_id: string; body: string }>(
      'SELECT workspace_id, body FROM page_search WHERE page_id = $1',
      [pageId],
    )
    const current = rows[0]
    if (!current) return
    await this.upsert({ pageId, workspaceId: current.workspace_id, title, text: current.body })
  }

  async remove(pageIds: string[]): Promise<void> {
    if (pageIds.length === 0) return
    await this.pool.query('DELETE FROM page_search WHERE page_id = ANY($1::text[])', [pageIds])
  }

  async search({ workspaceId, q, kind, pageIds, limit = 20 }: SearchQuery): Promise<SearchResult[]> {
    const terms = parseQuery(q)
    if (terms.length === 0 || pageIds?.length === 0) return []
    const params: unknown[] = [workspaceId, limit]
    const param = (value: unknown) => {
      params.push(value)
      return `$${params.length}`
    }
    // Terms hold letters and digits only (parseQuery), so `word:*` is a valid tsquery lexeme.
    const prefix = (folded: string) => `to_tsquery('simple', unaccent(${param(`${folded}:*`)}))`
    const stem = (folded: string) => `plainto_tsquery('french', unaccent(${param(folded)}))`
    const conditions = terms.map((t) => `(s.words @@ ${prefix(t.folded)} OR s.stems @@ ${stem(t.folded)})`)
    const anyPrefix = `to_tsquery('simple', unaccent(${param(terms.map((t) => `${t.folded}:*`).join(' | '))}))`
    // Any term counts for the rank (stems re-stemmed by PostgreSQL: letters only, a valid tsquery).
    const anyStem = `to_tsquery('french', unaccent(${param(terms.map((t) => t.folded).join(' | '))}))`
    const filters = [
      kind ? `AND p.kind = ${param(kind)}` : '',
      pageIds ? `AND s.page_id = ANY(${param(pageIds)}::text[])` : '',
    ].join(' ')
    const { rows } = await this.pool.query<Row>(
      `SELECT s.page_id, p.title, p.kind, s.body
       FROM page_search s JOIN page p ON p.id = s.page_id
       WHERE s.workspace_id = $1 AND p.archived_at IS NULL AND p.kind != 'template'
         AND ${conditions.join(' AND ')} ${filters}
       ORDER BY ts_rank('${WEIGHTS}', s.words, ${anyPrefix}) * 2
              + ts_rank('${WEIGHTS}', s.stems, ${anyStem}) DESC, s.page_id
       LIMIT $2`,
      params,
    )
    return rows.map((row) => ({
      pageId: row.page_id,
      title: row.title,
      kind: row.kind,
      snippet: buildSnippet(row.body || row.title, terms),
    }))
  }
}
