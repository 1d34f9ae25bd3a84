import type { Kysely } from 'kysely'

/**
 * The typology: a codebook per workspace (hierarchical codes, relations between codes, and the
 * history of every change with what it did, so a change can be reverted), codes applied to whole
 * pages (cases), codes applied to passages (anchored beside the page body with Yjs relative
 * positions, never inside it) and case attributes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('code')
    // A UUID: it doubles as the REFI-QDA guid, so an imported codebook keeps its identity.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('code.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('color', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('codable', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('retired_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('code_by_workspace').on('code').columns(['workspace_id', 'parent_id']).execute()

  await db.schema
    .createTable('code_relation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('from_code_id', 'text', (c) => c.notNull().references('code.id'))
    .addColumn('to_code_id', 'text', (c) => c.notNull().references('code.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('code_relation_once')
    .on('code_relation')
    .columns(['from_code_id', 'to_code_id', 'kind'])
    .unique()
    .execute()

  await db.schema
    .createTable('codebook_change')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code_id', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('user.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // JSON: the rows the change touched, each with its state before and after.
    .addColumn('effects', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('reverts_id', 'text')
    .addColumn('reverted_by_id', 'text')
    .execute()
  await db.schema
    .createIndex('codebook_change_by_workspace')
    .on('codebook_change')
    .columns(['workspace_id', 'seq'])
    .execute()

  await db.schema
    .createTable('page_code')
    .addColumn('page_id', 'text', (c) => c.notNull().references('page.id').onDelete('cascade'))
    .addColumn('code_id', 'text', (c) => c.notNull().references('code.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('page_code_pk', ['page_id', 'code_id'])
    .execute()
  await db.schema.createIndex('page_code_by_code').on('page_code').columns(['code_id']).execute()

  await db.schema
    .createTable('passage_coding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('page_id', 'text', (c) => c.notNull().references('page.id').onDelete('cascade'))
    .addColumn('code_id', 'text', (c) => c.notNull().references('code.id'))
    // Y.encodeRelativePosition of the passage's start and end over the page's `default` fragment.
    .addColumn('anchor_start', 'blob', (c) => c.notNull())
    .addColumn('anchor_end', 'blob', (c) => c.notNull())
    // The text when the passage was coded; kept when the passage is deleted from the page.
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // Derived from the page body by the server (never from a client): the passage as it reads now.
    .addColumn('text', 'text')
    .addColumn('start_offset', 'integer')
    .addColumn('end_offset', 'integer')
    .addColumn('detached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('derived_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('passage_coding_by_page')
    .on('passage_coding')
    .columns(['page_id', 'code_id'])
    .execute()
  await db.schema
    .createIndex('passage_coding_by_code')
    .on('passage_coding')
    .columns(['workspace_id', 'code_id'])
    .execute()

  await db.schema
    .createTable('case_attribute')
    .addColumn('page_id', 'text', (c) => c.notNull().references('page.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_attribute_pk', ['page_id', 'name'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'case_attribute',
    'passage_coding',
    'page_code',
    'codebook_change',
    'code_relation',
    'code',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
