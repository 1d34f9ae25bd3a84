import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.ts'

/**
 * What PostgreSQL needs beside the shared schema (nothing changes on SQLite):
 * - `page_search`, the search index (search/postgres-search-index.ts), in place of FTS5's
 *   `page_fts`: each page's title and body as written (shown in snippets), `words` (accents folded
 *   by `unaccent`, case by the `simple` configuration: matched as prefixes) and `stems` (the
 *   `french` configuration on the unaccented text: matched exactly), titles weighted A, bodies B;
 * - `comment_message.rowid`: messages of one millisecond are listed in the order they were
 *   written, which SQLite's implicit rowid gives (comments/comments.ts orders by it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db)
  await sql`CREATE TABLE page_search (
    page_id text COLLATE "C" PRIMARY KEY,
    workspace_id text COLLATE "C" NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    words tsvector NOT NULL,
    stems tsvector NOT NULL
  )`.execute(db)
  await sql`CREATE INDEX page_search_words ON page_search USING gin (words)`.execute(db)
  await sql`CREATE INDEX page_search_stems ON page_search USING gin (stems)`.execute(db)
  await sql`CREATE INDEX page_search_by_workspace ON page_search (workspace_id)`.execute(db)
  await sql`ALTER TABLE comment_message ADD COLUMN rowid bigserial`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`ALTER TABLE comment_message DROP COLUMN rowid`.execute(db)
  await sql`DROP TABLE page_search`.execute(db)
}
