/**
 * PostgreSQL (DATABASE_URL=postgres://…): a `pg` pool behind Kysely's PostgresDialect, migrated
 * at open through the same Kysely migrations as SQLite. The shipped migrations are written for
 * SQLite's types; `PostgresTypes` (a Kysely plugin, used only while migrating) maps them: every
 * `integer` becomes `bigint` (times in milliseconds and Yjs client ids do not fit in 32 bits),
 * `blob` becomes `bytea`, an auto-increment key becomes `bigserial`, and `text` is compared and
 * sorted byte by byte (`COLLATE "C"`), as SQLite's BINARY collation does: `ORDER BY id` and
 * unique keys behave the same on both. Migrations that use
 * SQLite-only SQL (FTS5, JSON functions) ask `isPostgres(db)` (dialect.ts) and do the PostgreSQL
 * equivalent.
 */
import {
  type ColumnDefinitionNode,
  DataTypeNode,
  Kysely,
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresDialect,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely'
import { Migrator } from 'kysely/migration'
import pg from 'pg'
import { migrationProvider } from './migrations/index.ts'
import type { Database } from './schema.ts'

export interface PostgresHandle {
  pool: pg.Pool
  db: Kysely<Database>
  close(): Promise<void>
}

const INT8 = 20
const NUMERIC = 1700

/**
 * bigint and numeric come back as numbers, as SQLite's integers do. Every bigint column holds
 * milliseconds, ids or counts, all far below 2^53.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format)
  },
} as pg.CustomTypesConfig

export function postgresPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 10_000 })
  // A connection cut by the server (pg_terminate_backend, a restart) is dropped from the pool;
  // the query that was using it fails and the next one gets a fresh connection. A connection
  // checked out between two queries of a transaction reports the cut as an 'error' event, which
  // would stop the process without a listener: the transaction's next query fails instead.
  pool.on('error', () => {})
  pool.on('connect', (client) => client.on('error', () => {}))
  return pool
}

export async function openPostgres(url: string, poolSize = 10): Promise<PostgresHandle> {
  const pool = postgresPool(url, poolSize)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  await migratePostgres(db)
  return { pool, db, close: () => db.destroy() }
}

/**
 * Runs `work` while holding a session advisory lock named `key`: instances starting together seed
 * the database one after the other (the second finds the seed and the owner account there).
 */
export async function withAdvisoryLock<T>(pool: pg.Pool, key: string, work: () => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key])
    try {
      return await work()
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key])
    }
  } finally {
    client.release()
  }
}

/** Runs the migrations on PostgreSQL; several instances starting together take turns (a lock). */
export async function migratePostgres(db: Kysely<Database>): Promise<void> {
  const migrating = db.withPlugin(new PostgresTypes())
  const { error } = await new Migrator({ db: migrating, provider: migrationProvider }).migrateToLatest()
  if (error) throw error
}

/** Rewrites the SQLite column types of the shipped migrations into PostgreSQL ones. */
export class PostgresTypes implements KyselyPlugin {
  private readonly transformer = new ColumnTypes()

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId)
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

class ColumnTypes extends OperationNodeTransformer {
  protected override transformColumnDefinition(
    node: ColumnDefinitionNode,
    queryId?: Parameters<OperationNodeTransformer['transformNode']>[1],
  ): ColumnDefinitionNode {
    const column = super.transformColumnDefinition(node, queryId)
    if (node.autoIncrement)
      return { ...column, dataType: DataTypeNode.create('bigserial'), autoIncrement: false }
    if (DataTypeNode.is(column.dataType) && column.dataType.dataType === 'text')
      return { ...column, dataType: sql`text COLLATE "C"`.toOperationNode() }
    return column
  }

  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    if (node.dataType === 'integer') return DataTypeNode.create('bigint')
    if (node.dataType === 'blob') return DataTypeNode.create('bytea')
    return node
  }
}
