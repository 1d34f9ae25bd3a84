import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.ts'

/**
 * The typology's `case_attribute` table held the origin of a case's needs, which the wiki's case
 * properties (`page_property`) hold too. The properties are the one source now: copy any origin
 * the properties lack, then drop the table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db))
    await sql`
    INSERT INTO page_property (page_id, data, updated_at)
    SELECT a.page_id, jsonb_build_object('needsOrigin', a.value)::text, a.updated_at
    FROM case_attribute a JOIN page p ON p.id = a.page_id
    WHERE a.name = 'needsOrigin' AND p.kind = 'case'
    ON CONFLICT (page_id) DO UPDATE SET data = jsonb_set(
      page_property.data::jsonb, '{needsOrigin}', excluded.data::jsonb -> 'needsOrigin')::text
    WHERE page_property.data::jsonb -> 'needsOrigin' IS NULL
  `.execute(db)
  else
    await sql`
    INSERT INTO page_property (page_id, data, updated_at)
    SELECT a.page_id, json_object('needsOrigin', a.value), a.updated_at
    FROM case_attribute a JOIN page p ON p.id = a.page_id
    WHERE a.name = 'needsOrigin' AND p.kind = 'case'
    ON CONFLICT (page_id) DO UPDATE SET data = json_set(
      page_property.data, '$.needsOrigin', json_extract(excluded.data, '$.needsOrigin'))
    WHERE json_extract(page_property.data, '$.needsOrigin') IS NULL
  `.execute(db)
  await db.schema.dropTable('case_attribute').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
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
