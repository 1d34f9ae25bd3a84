import type { Kysely } from 'kysely'

/**
 * Quotations, evidence tables and memos (docs/quotations.md).
 * - quotation: each coding a page quotes, derived from its body; `quoted_text` is the source's
 *   text when the server first saw the quotation, `last_text` the latest it read, kept once the
 *   source is gone. `coding_id` has no foreign key: a quotation outlives its source.
 * - evidence_table: the queries of the page's evidence tables, derived from its body.
 * - memo: a page of kind `memo` and what it is about (a code, a page or a coding).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('quotation')
    .addColumn('page_id', 'text', (c) => c.notNull().references('page.id').onDelete('cascade'))
    .addColumn('coding_id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('section', 'integer')
    .addColumn('section_title', 'text')
    .addColumn('quoted_text', 'text')
    .addColumn('last_text', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('quotation_pk', ['page_id', 'coding_id'])
    .execute()
  await db.schema.createIndex('quotation_by_coding').on('quotation').columns(['coding_id']).execute()
  await db.schema
    .createTable('evidence_table')
    .addColumn('page_id', 'text', (c) => c.notNull().references('page.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('code_ids', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('group_by', 'text', (c) => c.notNull())
    .addColumn('section', 'integer')
    .addColumn('section_title', 'text')
    .addPrimaryKeyConstraint('evidence_table_pk', ['page_id', 'position'])
    .execute()
  await db.schema
    .createTable('memo')
    .addColumn('page_id', 'text', (c) => c.primaryKey().references('page.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('memo_by_subject')
    .on('memo')
    .columns(['workspace_id', 'subject_kind', 'subject_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['memo', 'evidence_table', 'quotation']) await db.schema.dropTable(table).execute()
}
