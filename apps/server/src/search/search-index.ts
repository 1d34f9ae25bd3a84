/**
 * The full-text index of page titles and bodies. SQLite FTS5 implements it now; a PostgreSQL
 * implementation (tsvector with the `french` configuration and unaccent) satisfies the same
 * contract. Only the server writes to it, from text it derived itself (derive/).
 */
import type { PageKind } from '../store/schema.ts'

export interface IndexedPage {
  pageId: string
  workspaceId: string
  title: string
  /** Plain text of the body, blocks separated by newlines. */
  text: string
}

export interface SearchQuery {
  workspaceId: string
  /** What the user typed; any characters, including query-syntax ones, are taken as plain words. */
  q: string
  kind?: PageKind | undefined
  /** Only these pages (the search filtered by code); absent: every page. */
  pageIds?: string[] | undefined
  limit?: number
}

export interface SearchResult {
  pageId: string
  title: string
  kind: PageKind
  /** HTML-escaped text around the best match, matched words wrapped in `<mark>`. */
  snippet: string
}

export interface SearchIndex {
  /** Adds or replaces a page's title and body. */
  upsert(page: IndexedPage): Promise<void>
  /** Replaces only the title (after a rename), keeping the body. */
  setTitle(pageId: string, title: string): Promise<void>
  remove(pageIds: string[]): Promise<void>
  /** Live (not archived) pages of the workspace, best first. Excludes the case-sheet template. */
  search(query: SearchQuery): Promise<SearchResult[]>
}
