import type { Kysely } from 'kysely'

/**
 * Who wrote an update is stored on its own log row (`author_id`, and `authorship`: its item ranges
 * as JSON) instead of as doc_authorship rows beside it: appending then writes one row and one
 * index entry instead of three, which halved the cost of a commit. Compaction moves the ranges of
 * the rows it removes into doc_authorship, folded as before (store/authorship-rows.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('doc_update').addColumn('author_id', 'text').execute()
  await db.schema.alterTable('doc_update').addColumn('authorship', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('doc_update').dropColumn('authorship').execute()
  await db.schema.alterTable('doc_update').dropColumn('author_id').execute()
}
