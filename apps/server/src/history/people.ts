/** Names of users by id, for the history's `{id, name}` references; the server's own user is nobody. */
import type { PersonRef } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import { SYSTEM_USER_ID } from '../accounts/index.ts'
import type { Database } from '../store/schema.ts'

export async function peopleById(
  db: Kysely<Database>,
  ids: Iterable<string>,
): Promise<Map<string, PersonRef>> {
  const wanted = [...new Set(ids)].filter((id) => id !== SYSTEM_USER_ID)
  if (wanted.length === 0) return new Map()
  const rows = await db.selectFrom('user').select(['id', 'name']).where('id', 'in', wanted).execute()
  return new Map(rows.map((row) => [row.id, { id: row.id, name: row.name }]))
}
