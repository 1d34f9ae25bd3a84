import type { Kysely } from 'kysely'

/**
 * Heading and property-label synonyms used when a document is imported as a case sheet, one row
 * per workspace that changed them (documents/import/synonyms.ts; a workspace without a row uses
 * the defaults).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_synonyms')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspace.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_synonyms').execute()
}
