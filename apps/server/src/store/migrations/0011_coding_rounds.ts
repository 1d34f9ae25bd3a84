import type { Kysely } from 'kysely'

/**
 * Coding rounds: a named set of pages coded by chosen coders, blind until an owner reveals it.
 * Codings made in a round say so (`round_id`); the round's agreed coding is made of codings with
 * `round_role = 'agreed'` and `settled_by`, and the coders' codings it replaces are `superseded`
 * (kept, shown on the round's page, left out of the views). Coders' case-level codes of a round
 * are kept apart (`round_case_code`) because two coders may each apply one code to one case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('coding_round')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('blind', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('adjudicator_id', 'text', (c) => c.references('user.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revealed_by', 'text', (c) => c.references('user.id'))
    .addColumn('revealed_at', 'bigint')
    // JSON: the agreement report as it was at the reveal (later edits do not change it).
    .addColumn('agreement', 'text')
    .execute()
  for (const [table, column, ref] of [
    ['coding_round_page', 'page_id', 'page.id'],
    ['coding_round_coder', 'user_id', 'user.id'],
    ['coding_round_code', 'code_id', 'code.id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('round_id', 'text', (c) => c.notNull().references('coding_round.id').onDelete('cascade'))
      .addColumn(column, 'text', (c) => c.notNull().references(ref).onDelete('cascade'))
      .addPrimaryKeyConstraint(`${table}_pk`, ['round_id', column])
      .execute()
  }
  await db.schema
    .createTable('round_case_code')
    .addColumn('round_id', 'text', (c) => c.notNull().references('coding_round.id').onDelete('cascade'))
    .addColumn('page_id', 'text', (c) => c.notNull().references('page.id').onDelete('cascade'))
    .addColumn('code_id', 'text', (c) => c.notNull().references('code.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('superseded', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('round_case_code_pk', ['round_id', 'page_id', 'code_id', 'created_by'])
    .execute()
  // What the reveal found to settle: passages (a cluster of overlapping codings) and case codes.
  await db.schema
    .createTable('coding_round_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('coding_round.id').onDelete('cascade'))
    .addColumn('page_id', 'text', (c) => c.notNull().references('page.id').onDelete('cascade'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    // JSON: the extent, the text and every coder's codings in it, as they were at the reveal.
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('settled_by', 'text', (c) => c.references('user.id'))
    .addColumn('settled_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('coding_round_item_by_round')
    .on('coding_round_item')
    .columns(['round_id', 'seq'])
    .execute()
  for (const table of ['passage_coding', 'page_code']) {
    await db.schema
      .alterTable(table)
      .addColumn('round_id', 'text', (c) => c.references('coding_round.id').onDelete('set null'))
      .execute()
    await db.schema.alterTable(table).addColumn('settled_by', 'text').execute()
  }
  await db.schema.alterTable('passage_coding').addColumn('round_role', 'text').execute()
  await db.schema
    .alterTable('passage_coding')
    .addColumn('superseded', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['superseded', 'round_role', 'settled_by', 'round_id'])
    await db.schema.alterTable('passage_coding').dropColumn(column).execute()
  for (const column of ['settled_by', 'round_id'])
    await db.schema.alterTable('page_code').dropColumn(column).execute()
  for (const table of [
    'coding_round_item',
    'round_case_code',
    'coding_round_code',
    'coding_round_coder',
    'coding_round_page',
    'coding_round',
  ])
    await db.schema.dropTable(table).execute()
}
