/**
 * Assembles one Tisserand process: storage, the HTTP app and the sync server on one port.
 * main.ts runs it; tests and benchmarks start it the same way, as a child process.
 */
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { Config } from './config.ts'
import { createHttpApp } from './http/app.ts'
import type { Logger } from './ops/logger.ts'
import { Metrics } from './ops/metrics.ts'
import { SqliteDocStore } from './store/doc-store-sqlite.ts'
import { openSqlite } from './store/sqlite.ts'
import { type AuthorizeUpgrade, SyncServer } from './sync/sync-server.ts'

export interface RunningServer {
  port: number
  close(): Promise<void>
}

/** Until accounts exist every client may edit every page. */
const openAccess: AuthorizeUpgrade = async () => ({
  ok: true,
  principal: { userId: 'anonymous' },
  access: 'read-write',
})

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const metrics = new Metrics()
  const sqlite = await openSqlite(config.dataDir, config.SQLITE_SYNCHRONOUS)
  const store = new SqliteDocStore(sqlite.raw)
  const sync = new SyncServer({
    store,
    metrics,
    logger,
    authorize: openAccess,
    maxMessageBytes: config.MAX_MESSAGE_BYTES,
    maxBufferedBytes: config.MAX_BUFFERED_BYTES,
    compactThreshold: config.COMPACT_THRESHOLD,
    unloadGraceMs: config.UNLOAD_GRACE_MS,
    awarenessFlushMs: config.AWARENESS_FLUSH_MS,
  })
  const app = createHttpApp({ metrics, logger, webDist: config.WEB_DIST })
  const server = createAdaptorServer({ fetch: app.fetch }) as http.Server
  server.on('upgrade', sync.handleUpgrade)
  server.on('clientError', (_error, socket) => socket.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.PORT, config.HOST, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  logger.info({ port, dataDir: config.dataDir }, 'listening')

  let closing: Promise<void> | null = null
  return {
    port,
    close() {
      closing ??= (async () => {
        const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()))
        await sync.close()
        server.closeAllConnections()
        await httpClosed
        await sqlite.close()
        logger.info('stopped')
      })()
      return closing
    },
  }
}
