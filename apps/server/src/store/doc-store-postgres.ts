/**
 * The document log on PostgreSQL: the same tables and contract as SqliteDocStore, for several
 * instances writing at once.
 *
 * - `append` is one statement (the update with its authorship columns, and new client ids through
 *   a CTE): one round trip, atomic, and committed when it resolves.
 * - `load` reads the snapshot and the rows in one statement, so a compaction by another instance
 *   cannot fall between the two reads.
 * - `compact` runs under a transaction-scoped advisory lock on the document, merges the stored
 *   snapshot, the rows it read and the caller's state into the new snapshot, and deletes exactly
 *   the rows it read: a row committed meanwhile by another instance (even one with a lower id,
 *   since ids are handed out before commit) stays in the log.
 */
import type pg from 'pg'
import * as Y from 'yjs'
import {
  type AuthorshipDbRow,
  allAuthorship,
  asAuthorshipRow,
  authorshipColumns,
  continues,
  foldedRuns,
  type NewAuthorshipRow,
  type PendingAuthorship,
} from './authorship-rows.ts'
import type { AuthorshipRow, DocStore, StoredDoc, UpdateAuthorship } from './doc-store.ts'

const APPEND =
  'INSERT INTO doc_update (doc_name, data, created_at, author_id, authorship) VALUES ($1, $2, $3, $4, $5) RETURNING id'

/** The update and the client ids it uses for the first time, in one statement. */
const APPEND_WITH_CLIENTS = `
  WITH u AS (
    INSERT INTO doc_update (doc_name, data, created_at, author_id, authorship)
    VALUES ($1, $2, $3, $4, $5) RETURNING id
  ), c AS (
    INSERT INTO doc_client (doc_name, client, user_id)
    SELECT $1, n.client, $6 FROM unnest($7::bigint[]) AS n(client)
    ON CONFLICT DO NOTHING
  )
  SELECT id FROM u`

const LOAD = `
  SELECT updated_at AS id, data, 0 AS snapshot FROM doc_snapshot WHERE doc_name = $1
  UNION ALL
  SELECT id, data, 1 AS snapshot FROM doc_update WHERE doc_name = $1
  ORDER BY snapshot, id`

/**
 * Folded rows and the rows still on the log in one statement: one snapshot of both, so a
 * compaction moving ranges from one to the other cannot fall between two reads.
 */
const SELECT_ALL_AUTHORSHIP = `
  SELECT kind, client, clock, length, user_id, via, at, NULL AS authorship FROM doc_authorship
  WHERE doc_name = $1
  UNION ALL
  SELECT NULL, NULL, NULL, NULL, author_id, NULL, created_at, authorship FROM doc_update
  WHERE doc_name = $1 AND authorship IS NOT NULL`

type AuthorshipUnionRow = NewAuthorshipRow & { authorship: string | null }

export class PostgresDocStore implements DocStore {
  constructor(private readonly pool: pg.Pool) {}

  async load(docName: string): Promise<StoredDoc> {
    const { rows } = await this.pool.query<{ id: number; data: Uint8Array; snapshot: number }>(LOAD, [
      docName,
    ])
    let snapshot: Uint8Array | null = null
    let snapshotAt = 0
    const updates: Uint8Array[] = []
    const ids: number[] = []
    for (const row of rows) {
      if (row.snapshot === 0) {
        snapshot = row.data
        snapshotAt = row.id
      } else {
        updates.push(row.data)
        ids.push(row.id)
      }
    }
    return { snapshot, updates, throughId: ids.at(-1) ?? 0, ids, snapshotAt }
  }

  async append(docName: string, update: Uint8Array, authorship?: UpdateAuthorship): Promise<number> {
    const columns = authorshipColumns(authorship)
    const values = [docName, update, Date.now(), columns.author_id, columns.authorship]
    const newClients = authorship?.newClients ?? []
    const { rows } =
      newClients.length === 0
        ? await this.pool.query<{ id: number }>(APPEND, values)
        : await this.pool.query<{ id: number }>(APPEND_WITH_CLIENTS, [
            ...values,
            authorship?.userId,
            newClients,
          ])
    return (rows[0] as { id: number }).id
  }

  /** Ids of the document's log rows and when its snapshot last changed (the fan-out's repair). */
  async logState(docName: string): Promise<{ ids: number[]; snapshotAt: number }> {
    const { rows } = await this.pool.query<{ id: number; snapshot: number }>(
      `SELECT updated_at AS id, 0 AS snapshot FROM doc_snapshot WHERE doc_name = $1
       UNION ALL SELECT id, 1 FROM doc_update WHERE doc_name = $1`,
      [docName],
    )
    let snapshotAt = 0
    const ids: number[] = []
    for (const row of rows) {
      if (row.snapshot === 0) snapshotAt = row.id
      else ids.push(row.id)
    }
    return { ids, snapshotAt }
  }

  /** The log rows of `ids` that still exist, and the snapshot when asked for. */
  async rows(
    docName: string,
    ids: number[],
    withSnapshot: boolean,
  ): Promise<{ snapshot: Uint8Array | null; updates: { id: number; data: Uint8Array }[] }> {
    const { rows } = await this.pool.query<{ id: number; data: Uint8Array; snapshot: number }>(
      `SELECT 0 AS id, data, 0 AS snapshot FROM doc_snapshot WHERE doc_name = $1 AND $3
       UNION ALL SELECT id, data, 1 FROM doc_update WHERE doc_name = $1 AND id = ANY($2::bigint[])
       ORDER BY snapshot, id`,
      [docName, ids, withSnapshot],
    )
    const snapshot = rows.find((r) => r.snapshot === 0)?.data ?? null
    return { snapshot, updates: rows.filter((r) => r.snapshot === 1).map(({ id, data }) => ({ id, data })) }
  }

  async clientOwners(docName: string): Promise<Map<number, string>> {
    const { rows } = await this.pool.query<{ client: number; user_id: string }>(
      'SELECT client, user_id FROM doc_client WHERE doc_name = $1',
      [docName],
    )
    return new Map(rows.map((row) => [row.client, row.user_id]))
  }

  async authorship(docName: string): Promise<AuthorshipRow[]> {
    const { rows } = await this.pool.query<AuthorshipUnionRow>(SELECT_ALL_AUTHORSHIP, [docName])
    const folded = rows.filter((row) => row.authorship === null)
    const pending = rows.flatMap((row) =>
      row.authorship === null
        ? []
        : [{ author_id: row.user_id, authorship: row.authorship, created_at: row.at }],
    )
    return allAuthorship(folded, pending).map(asAuthorshipRow)
  }

  async compact(docName: string, snapshot: Uint8Array, _throughId: number): Promise<number> {
    return this.transaction(async (client) => {
      // Two instances compacting one page take turns; appends are not blocked.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`doc:${docName}`])
      const { rows } = await client.query<{ id: number; data: Uint8Array; snapshot: number }>(LOAD, [docName])
      const read = rows.filter((r) => r.snapshot === 1)
      // Everything stored is already in `snapshot` when this instance has applied it all; merging
      // the stored state too covers rows another instance wrote that this one has not applied yet.
      const merged = mergeState([...rows.map((r) => r.data), snapshot])
      const through = read.reduce((max, r) => Math.max(max, r.id), 0)
      await client.query(
        `INSERT INTO doc_snapshot (doc_name, data, merged_through, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data,
           merged_through = GREATEST(doc_snapshot.merged_through, excluded.merged_through),
           updated_at = GREATEST(doc_snapshot.updated_at + 1, excluded.updated_at)`,
        [docName, merged, through, Date.now()],
      )
      if (read.length === 0) return 0
      await this.moveAuthorship(
        client,
        docName,
        read.map((r) => r.id),
      )
      const deleted = await client.query(
        'DELETE FROM doc_update WHERE doc_name = $1 AND id = ANY($2::bigint[])',
        [docName, read.map((r) => r.id)],
      )
      return deleted.rowCount ?? 0
    })
  }

  /**
   * The ranges of the log rows about to be removed, moved to doc_authorship folded into runs of
   * one user: each run extends the stored row it carries on, or becomes a row.
   */
  private async moveAuthorship(client: pg.PoolClient, docName: string, ids: number[]): Promise<void> {
    const { rows } = await client.query<PendingAuthorship>(
      `SELECT author_id, authorship, created_at FROM doc_update
       WHERE doc_name = $1 AND id = ANY($2::bigint[]) AND authorship IS NOT NULL ORDER BY id`,
      [docName, ids],
    )
    const runs = foldedRuns(rows)
    if (runs.length === 0) return
    // The stored row each run may carry on, for every run in one query. Runs of one kind and
    // client never overlap, so no run's row is another run of this compaction.
    const { rows: before } = await client.query<AuthorshipDbRow & { run: number }>(
      `SELECT r.run::int AS run, d.id, d.kind, d.client, d.clock, d.length, d.user_id, d.via, d.at
       FROM unnest($2::text[], $3::bigint[], $4::bigint[]) WITH ORDINALITY AS r(kind, client, clock, run)
       CROSS JOIN LATERAL (
         SELECT id, kind, client, clock, length, user_id, via, at FROM doc_authorship
         WHERE doc_name = $1 AND kind = r.kind AND client = r.client AND clock < r.clock
         ORDER BY clock DESC LIMIT 1
       ) d`,
      [docName, runs.map((r) => r.kind), runs.map((r) => r.client), runs.map((r) => r.clock)],
    )
    const previousOf = new Map(before.map((row) => [row.run - 1, row]))
    const grown: AuthorshipDbRow[] = []
    const added: NewAuthorshipRow[] = []
    for (const [i, run] of runs.entries()) {
      const previous = previousOf.get(i)
      if (previous && continues(previous, run))
        grown.push({ ...previous, length: previous.length + run.length, at: Math.max(previous.at, run.at) })
      else added.push(run)
    }
    if (grown.length > 0)
      await client.query(
        `UPDATE doc_authorship d SET length = g.length, at = g.at
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS g(id, length, at) WHERE d.id = g.id`,
        [grown.map((r) => r.id), grown.map((r) => r.length), grown.map((r) => r.at)],
      )
    if (added.length === 0) return
    await client.query(
      `INSERT INTO doc_authorship (doc_name, kind, client, clock, length, user_id, via, at)
       SELECT $1, r.kind, r.client, r.clock, r.length, r.user_id, r.via, r.at
       FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::bigint[])
         AS r(kind, client, clock, length, user_id, via, at)`,
      [
        docName,
        added.map((r) => r.kind),
        added.map((r) => r.client),
        added.map((r) => r.clock),
        added.map((r) => r.length),
        added.map((r) => r.user_id),
        added.map((r) => r.via),
        added.map((r) => r.at),
      ],
    )
  }

  async countUpdates(docName: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      'SELECT count(*) AS n FROM doc_update WHERE doc_name = $1',
      [docName],
    )
    return rows[0]?.n ?? 0
  }

  async remove(docNames: string[]): Promise<void> {
    if (docNames.length === 0) return
    await this.transaction(async (client) => {
      for (const table of ['doc_update', 'doc_snapshot', 'doc_authorship', 'doc_client'])
        await client.query(`DELETE FROM ${table} WHERE doc_name = ANY($1::text[])`, [docNames])
    })
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    let broken: Error | undefined
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => {
        broken = rollback
      })
      throw error
    } finally {
      // A connection that cannot even roll back (cut by the server) is discarded, not reused.
      client.release(broken)
    }
  }
}

/** The updates applied to one document, encoded again: garbage-collected, one update. */
function mergeState(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update)
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
