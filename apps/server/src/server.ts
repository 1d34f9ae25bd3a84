/**
 * Assembles one Tisserand process: storage, the HTTP app and the sync server on one port.
 * main.ts runs it; tests and benchmarks start it the same way, as a child process.
 */
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type * as Y from 'yjs'
import { type AccessChange, AccessEvents } from './access/access-events.ts'
import { type Action, can } from './access/policy.ts'
import { syncAccess } from './access/sync-access.ts'
import { RateLimiter } from './auth/rate-limit.ts'
import type { Config } from './config.ts'
import { Accounts } from './domain/accounts.ts'
import { Comments } from './domain/comments.ts'
import { Notifications } from './domain/notifications.ts'
import { Pages } from './domain/pages.ts'
import { createWiki } from './domain/wiki.ts'
import { WorkspaceEvents } from './domain/workspace-events.ts'
import { Workspaces } from './domain/workspaces.ts'
import { Files } from './files/index.ts'
import { createHttpApp } from './http/app.ts'
import { SOCKET_ACTIONS } from './http/route-table.ts'
import type { Logger } from './ops/logger.ts'
import { Metrics } from './ops/metrics.ts'
import { SqliteDocStore } from './store/doc-store-sqlite.ts'
import { openSqlite } from './store/sqlite.ts'
import { SyncServer } from './sync/sync-server.ts'
import { createTypology } from './typology/services.ts'

export interface RunningServer {
  port: number
  close(): Promise<void>
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const metrics = new Metrics()
  const sqlite = await openSqlite(config.dataDir, config.SQLITE_SYNCHRONOUS)
  const accounts = new Accounts(sqlite.db)
  const workspaces = new Workspaces(sqlite.db)
  const pages = new Pages(sqlite.db)
  const events = new AccessEvents()
  const workspaceEvents = new WorkspaceEvents()
  const docStore = new SqliteDocStore(sqlite.raw)
  // Page bodies as they are now: the live document when the page is open, else the stored one.
  const pageDocs = { read: <T>(pageId: string, read: (doc: Y.Doc) => T) => sync.readDoc(pageId, read) }
  const wiki = createWiki({
    db: sqlite.db,
    raw: sqlite.raw,
    store: docStore,
    docs: pageDocs,
    pages,
    logger,
    deriveQuietMs: config.DERIVE_QUIET_MS,
    closeDocuments: (pageIds) => sync.closeDocuments(pageIds),
    onLinksChanged: (page, targets) =>
      workspaceEvents.publish(page.workspaceId, { type: 'page.links', pageId: page.id, targets }),
  })
  const typology = createTypology(sqlite.db, pageDocs, workspaceEvents, (pageIds) =>
    wiki.derive.flush(pageIds),
  )
  // One derive pass over each edited page: search, links, headings, and coded passages.
  wiki.indexer.register(typology.passagePass)
  const sync = new SyncServer({
    store: docStore,
    metrics,
    logger,
    authorize: syncAccess({ accounts, workspaces, pages, allowedOrigins: config.PUBLIC_ORIGINS }),
    maxMessageBytes: config.MAX_MESSAGE_BYTES,
    maxBufferedBytes: config.MAX_BUFFERED_BYTES,
    compactThreshold: config.COMPACT_THRESHOLD,
    unloadGraceMs: config.UNLOAD_GRACE_MS,
    awarenessFlushMs: config.AWARENESS_FLUSH_MS,
    onDocUpdated: wiki.onDocUpdated,
    onDocLoaded: wiki.onDocLoaded,
  })
  // Seeded once, before the server listens: nobody can open a seed page half-written.
  const studyId = await workspaces.ensureDefault()
  await wiki.seed.ensure(studyId)
  await typology.codebook.seedIfEmpty(studyId)
  await createAdminFromEnv(config, accounts, workspaces, logger)
  events.subscribe((change) => applyToSockets(sync, change))

  const window = config.LOGIN_WINDOW_S * 1000
  const app = createHttpApp({
    metrics,
    logger,
    accounts,
    workspaces,
    pages,
    events,
    workspaceEvents,
    typology,
    loginLimits: {
      perAccount: new RateLimiter(config.LOGIN_MAX_FAILURES_PER_ACCOUNT, window),
      perAddress: new RateLimiter(config.LOGIN_MAX_FAILURES_PER_ADDRESS, window),
    },
    webDist: config.WEB_DIST,
    allowedOrigins: config.PUBLIC_ORIGINS,
    maxBodyBytes: config.MAX_BODY_BYTES,
    files: new Files(sqlite.db, config.dataDir, (workspaceId, userId) =>
      workspaces.roleOf(workspaceId, userId),
    ),
    maxUploadBytes: config.MAX_UPLOAD_BYTES,
    wiki,
    comments: new Comments(sqlite.db),
    notifications: new Notifications(sqlite.db),
    pageDocs,
  })
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
        await wiki.close()
        await sqlite.close()
        logger.info('stopped')
      })()
      return closing
    },
  }
}

/** Revocations and downgrades take effect on open sockets at once, not at the next connect. */
function applyToSockets(sync: SyncServer, change: AccessChange): void {
  switch (change.type) {
    case 'member-removed':
      sync.updateConnections(
        (p) => p.userId === change.userId && p.workspaceId === change.workspaceId,
        'close',
      )
      return
    case 'role-changed':
      sync.updateConnections(
        (p) => p.userId === change.userId && p.workspaceId === change.workspaceId,
        (p) =>
          can(change.role, (p.writeAction as Action | undefined) ?? SOCKET_ACTIONS.write)
            ? 'read-write'
            : 'read-only',
      )
      return
    case 'token-revoked':
      sync.updateConnections((p) => p.tokenId === change.tokenId, 'close')
      return
    case 'sessions-ended': {
      const ended = new Set(change.sessionHashes)
      sync.updateConnections((p) => p.sessionHash !== undefined && ended.has(p.sessionHash), 'close')
      return
    }
  }
}

async function createAdminFromEnv(
  config: Config,
  accounts: Accounts,
  workspaces: Workspaces,
  logger: Logger,
): Promise<void> {
  const email = config.TISSERAND_ADMIN_EMAIL
  const password = config.TISSERAND_ADMIN_PASSWORD
  if (!email || !password || (await accounts.countUsers()) > 0) return
  const user = await accounts.createUser({ email, password, name: config.TISSERAND_ADMIN_NAME })
  await workspaces.adoptOrphans(user.id)
  logger.info({ userId: user.id }, 'owner account created from TISSERAND_ADMIN_EMAIL')
}
