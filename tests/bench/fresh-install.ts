/**
 * What the benchmarks that write pages straight into a data directory need from a fresh install:
 * its study workspace and owner, and a logger that says nothing.
 */
import type { SqliteHandle } from '../../apps/server/src/store/sqlite.ts'

/** The seeded study workspace and the owner account of an install started once. */
export async function seededWorkspaceAndOwner(
  db: SqliteHandle['db'],
): Promise<{ workspaceId: string; ownerId: string }> {
  const workspace = await db
    .selectFrom('workspace')
    .select('id')
    .orderBy('created_at')
    .executeTakeFirstOrThrow()
  const owner = await db.selectFrom('user').select('id').where('id', '!=', 'system').executeTakeFirstOrThrow()
  return { workspaceId: workspace.id, ownerId: owner.id }
}

/** A logger for services run outside the server: the benchmark prints its own lines. */
export function silentLogger(): never {
  const noop = () => {}
  return { info: noop, warn: noop, error: noop, debug: noop } as never
}
