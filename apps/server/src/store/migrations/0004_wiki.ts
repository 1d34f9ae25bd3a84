import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.ts'

/**
 * The wiki: case attributes, rows derived from page bodies (links, headings, the search index),
 * the recent-changes feed, and the author of the seed pages written before anyone signed up.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Seed pages exist before the first account; page.created_by needs a real user row.
  // Its password hash matches no scheme, so it can never sign in; Accounts.countUsers skips it.
  await sql`INSERT INTO "user" (id, email, name, password_hash, created_at)
            VALUES ('system', 'system@tisserand.invalid', 'Tisserand', '!', ${Date.now()})`.execute(db)

  await db.schema
    .createTable('page_property')
    .addColumn('page_id', 'text', (c) => c.primaryKey().references('page.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('page_derived')
    .addColumn('page_id', 'text', (c) => c.primaryKey().references('page.id').onDelete('cascade'))
    .addColumn('headings', 'text', (c) => c.notNull())
    .addColumn('derived_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('page_link')
    .addColumn('source_id', 'text', (c) => c.notNull().references('page.id').onDelete('cascade'))
    // Not a foreign key: a link may name a page that was deleted since, or never existed.
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('page_link_pk', ['source_id', 'target_id'])
    .execute()
  await db.schema.createIndex('page_link_by_target').on('page_link').column('target_id').execute()

  await db.schema
    .createTable('page_change')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('page_id', 'text', (c) => c.notNull().references('page.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('page_change_by_workspace')
    .on('page_change')
    .columns(['workspace_id', 'last_at'])
    .execute()
  await db.schema
    .createIndex('page_change_by_page_user')
    .on('page_change')
    .columns(['page_id', 'user_id', 'last_at'])
    .execute()

  // Search: original title and body (accents and case folded by the tokenizer, prefix-searchable,
  // shown in snippets) and the same text as French stems (see search/french.ts).
  // PostgreSQL has no FTS5: its index is the `page_search` table of migration 0015.
  if (isPostgres(db)) return
  await sql`CREATE VIRTUAL TABLE page_fts USING fts5(
    page_id UNINDEXED, workspace_id UNINDEXED,
    title, body, title_stems, body_stems,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
  )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) await sql`DROP TABLE page_fts`.execute(db)
  for (const table of ['page_change', 'page_link', 'page_derived', 'page_property']) {
    await db.schema.dropTable(table).execute()
  }
  await sql`DELETE FROM "user" WHERE id = 'system'`.execute(db)
}
