import type { Kysely } from 'kysely'

/** Page bodies: an append-only log of Yjs updates per document, folded into one snapshot by compaction. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('doc_update')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('data', 'blob', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('doc_update_by_doc').on('doc_update').columns(['doc_name', 'id']).execute()
  await db.schema
    .createTable('doc_snapshot')
    .addColumn('doc_name', 'text', (c) => c.primaryKey())
    .addColumn('data', 'blob', (c) => c.notNull())
    .addColumn('merged_through', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('doc_snapshot').execute()
  await db.schema.dropTable('doc_update').execute()
}
