import type { Kysely } from 'kysely'

/**
 * FTS5 finds rows by rowid only; `page_fts.page_id` is not indexed, so replacing a page's entry
 * by page id scanned the whole index. This table gives each page a stable FTS rowid.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('page_search_row')
    .addColumn('rowid', 'integer', (c) => c.primaryKey())
    .addColumn('page_id', 'text', (c) => c.notNull().unique())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('page_search_row').execute()
}
