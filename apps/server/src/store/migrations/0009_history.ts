import type { Kysely } from 'kysely'

/**
 * Who wrote what, and versions of pages.
 * - doc_client: each Yjs client id of a page, bound to the user whose connection first sent content
 *   for it (content for it from anyone else is refused).
 * - doc_authorship: ranges of Yjs items (client, clock, length) inserted or deleted by a user;
 *   kept beside the update log, so compaction does not lose them.
 * - page_version: a page's document state (compressed Yjs update) with its title, properties and
 *   the users who contributed since the previous version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('doc_client')
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('client', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('doc_client_pk', ['doc_name', 'client'])
    .execute()
  await db.schema
    .createTable('doc_authorship')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('client', 'integer', (c) => c.notNull())
    .addColumn('clock', 'integer', (c) => c.notNull())
    .addColumn('length', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('via', 'text')
    .addColumn('at', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('doc_authorship_by_doc')
    .on('doc_authorship')
    .columns(['doc_name', 'kind', 'client', 'clock'])
    .execute()
  await db.schema
    .createTable('page_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('page_id', 'text', (c) => c.notNull().references('page.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('contributors', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('properties', 'text')
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('state', 'blob', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('page_version_by_page')
    .on('page_version')
    .columns(['page_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('page_version').execute()
  await db.schema.dropTable('doc_authorship').execute()
  await db.schema.dropTable('doc_client').execute()
}
