/**
 * Several real server processes on one PostgreSQL database and one Redis (a key prefix of their
 * own), as docs/operations.md deploys them. `stop` kills every instance, drops the database and
 * removes the prefix's keys.
 */
import * as Y from 'yjs'
import { PostgresDocStore } from '../../apps/server/src/store/doc-store-postgres.ts'
import { postgresPool } from '../../apps/server/src/store/postgres.ts'
import { applyStoredDoc } from '../../apps/server/src/sync/doc-state.ts'
import { startServer, type TestServer, tempDataDir } from './server.ts'
import { createDatabase, REDIS_URL, redisPrefix, type TestDatabase } from './services.ts'

export interface TestCluster {
  servers: TestServer[]
  database: TestDatabase
  prefix: string
  env: Record<string, string>
  /** Starts one more instance (or a replacement) on the same database and Redis prefix. */
  startInstance(): Promise<TestServer>
  /** The page body as PostgreSQL holds it (snapshot and log), read by a separate connection. */
  storedBody(pageId: string): Promise<{ body: string; doc: Y.Doc }>
  stop(): Promise<void>
}

export async function startCluster(
  size: number,
  label: string,
  env: Record<string, string> = {},
): Promise<TestCluster> {
  const database = await createDatabase(label)
  const redis = await redisPrefix(label)
  const clusterEnv = { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: redis.prefix, ...env }
  const servers: TestServer[] = []
  const reader = postgresPool(database.url, 2)
  const startInstance = async () => {
    // Each instance has a DATA_DIR of its own: nothing of a page body is kept there.
    const server = await startServer({ dataDir: tempDataDir(), env: clusterEnv })
    servers.push(server)
    return server
  }
  try {
    // Started together, as a process manager would: the seed is written once (advisory lock).
    await Promise.all(Array.from({ length: size }, () => startInstance()))
  } catch (error) {
    for (const s of servers) await s.kill('SIGKILL')
    await reader.end()
    await database.drop()
    throw error
  }
  return {
    servers,
    database,
    prefix: redis.prefix,
    env: clusterEnv,
    startInstance,
    async storedBody(pageId) {
      const stored = await new PostgresDocStore(reader).load(pageId)
      const doc = new Y.Doc()
      applyStoredDoc(doc, stored)
      return { body: doc.getXmlFragment('default').toString(), doc }
    },
    async stop() {
      await Promise.all(servers.map((s) => s.kill('SIGTERM')))
      await reader.end().catch(() => {})
      await database.drop()
      await redis.clear()
    },
  }
}
