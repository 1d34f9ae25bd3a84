/** Which database a Kysely instance speaks: migrations and the few dialect-specific queries ask. */
import { type Kysely, PostgresAdapter } from 'kysely'

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}
