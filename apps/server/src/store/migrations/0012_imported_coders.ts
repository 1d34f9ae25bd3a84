import type { Kysely } from 'kysely'

/**
 * Coders brought in with a REFI-QDA project: each is a pseudonymous account; an owner may link it
 * to a real member, who then becomes the author of its codings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('imported_coder')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('user.id'))
    // The User guid in the project, and the tool it came from.
    .addColumn('refi_guid', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('linked_to', 'text', (c) => c.references('user.id'))
    .addColumn('linked_at', 'bigint')
    .addPrimaryKeyConstraint('imported_coder_pk', ['workspace_id', 'user_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('imported_coder').execute()
}
