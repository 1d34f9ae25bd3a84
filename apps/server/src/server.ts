/**
 * Assembles one Tisserand process: storage, the HTTP app and the sync server on one port.
 * main.ts runs it; tests and benchmarks start it the same way, as a child process.
 */
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { type Kysely, sql } from 'kysely'
import type * as Y from 'yjs'
import { type AccessChange, AccessEvents } from './access/access-events.ts'
import { type Action, can, SOCKET_ACTIONS } from './access/policy.ts'
import { Accounts, authenticate, RateLimiter } from './accounts/index.ts'
import type { RedisCluster } from './cluster/redis-cluster.ts'
import { RedisFanout } from './cluster/redis-fanout.ts'
import { RedisRateLimiter } from './cluster/redis-rate-limit.ts'
import { Comments, Notifications } from './comments/index.ts'
import type { Config } from './config.ts'
import { PageIndexer } from './derive/page-indexer.ts'
import { createImports, importBodyLimit, isImportUpload } from './documents/index.ts'
import { Files, isFileUpload, uploadBodyLimit } from './files/index.ts'
import { createHistory } from './history/index.ts'
import { createHttpApp } from './http/app.ts'
import { memoryAllocator } from './ops/allocator.ts'
import type { Logger } from './ops/logger.ts'
import { Metrics } from './ops/metrics.ts'
import { PageScheduler } from './ops/page-scheduler.ts'
import { createPageServices, syncAccess } from './pages/index.ts'
import { createQuotations } from './quotations/index.ts'
import { createRounds } from './rounds/index.ts'
import { mountedRoutes, type RouteDeps } from './routes.ts'
import type { SearchIndex } from './search/search-index.ts'
import { SqliteSearchIndex } from './search/sqlite-search-index.ts'
import type { DocStore } from './store/doc-store.ts'
import type { PostgresDocStore } from './store/doc-store-postgres.ts'
import { SqliteDocStore } from './store/doc-store-sqlite.ts'
import type { Database } from './store/schema.ts'
import { openSqlite } from './store/sqlite.ts'
import type { PageDocs } from './sync/page-docs.ts'
import { SERVER_PRINCIPAL } from './sync/room.ts'
import { SyncServer } from './sync/sync-server.ts'
import { createTypology } from './typology/index.ts'
import { createWiki } from './wiki/index.ts'
import { type WorkspaceEvent, WorkspaceEvents, Workspaces } from './workspaces/index.ts'

export interface RunningServer {
  port: number
  close(): Promise<void>
}

interface Storage {
  db: Kysely<Database>
  docStore: DocStore
  search: SearchIndex
  /** The fan-out's repairs read the log by id (PostgreSQL only). */
  log: PostgresDocStore | null
  /** Runs `work` alone among the instances sharing the database (seeding at start). */
  exclusive<T>(work: () => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * PostgreSQL when DATABASE_URL is set, else the SQLite file under DATA_DIR. The PostgreSQL (and
 * Redis) code and its drivers are loaded only when configured: the embedded server never holds them.
 */
async function openStorage(config: Config): Promise<Storage> {
  if (config.DATABASE_URL) {
    const [{ openPostgres, withAdvisoryLock }, { PostgresDocStore }, { PostgresSearchIndex }] =
      await Promise.all([
        import('./store/postgres.ts'),
        import('./store/doc-store-postgres.ts'),
        import('./search/postgres-search-index.ts'),
      ])
    const pg = await openPostgres(config.DATABASE_URL, config.DATABASE_POOL_SIZE)
    const docStore = new PostgresDocStore(pg.pool)
    return {
      db: pg.db,
      docStore,
      search: new PostgresSearchIndex(pg.pool),
      log: docStore,
      exclusive: (work) => withAdvisoryLock(pg.pool, 'tisserand:seed', work),
      close: pg.close,
    }
  }
  const sqlite = await openSqlite(config.dataDir, config.SQLITE_SYNCHRONOUS)
  return {
    db: sqlite.db,
    docStore: new SqliteDocStore(sqlite.raw),
    search: new SqliteSearchIndex(sqlite.raw),
    log: null,
    exclusive: (work) => work(),
    close: sqlite.close,
  }
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const metrics = new Metrics()
  const storage = await openStorage(config)
  const { db, docStore, search } = storage
  // Several instances (REDIS_URL): page updates, presence, access changes and workspace events
  // reach the others through Redis; PostgreSQL stays the record (docs/scale-out.md).
  const cluster = config.REDIS_URL
    ? new (await import('./cluster/redis-cluster.ts')).RedisCluster(
        config.REDIS_URL,
        config.REDIS_PREFIX,
        logger,
      )
    : null
  if (cluster) await cluster.start()
  const fanout =
    cluster && storage.log ? new RedisFanout(cluster, storage.log, logger, config.FANOUT_REPAIR_MS) : null
  const accounts = new Accounts(db)
  const workspaces = new Workspaces(db)
  const events = new AccessEvents()
  const workspaceEvents = new WorkspaceEvents(
    cluster ? (workspaceId, event) => cluster.emit('workspace', { workspaceId, event }) : undefined,
  )
  // Page bodies as they are now: the live document when the page is open, else the stored one.
  const pageDocs: PageDocs = {
    read: <T>(pageId: string, read: (doc: Y.Doc) => T) => sync.readDoc(pageId, read),
    write: (pageId, update, author) => sync.writeAsServer(pageId, update, author),
  }

  // Derived rows: one read of each edited page, handed to every feature's passes. With several
  // instances a page is derived by the instance that accepted the edit: once per change.
  const indexer = new PageIndexer((pageId) => pageServices.pages.get(pageId), pageDocs, logger)
  const derive = new PageScheduler((pageId) => indexer.derive(pageId), logger, {
    quietMs: config.DERIVE_QUIET_MS,
    maxWaitMs: 4000,
    what: 'derive',
  })
  const written = (pageId: string) => derive.run(pageId)

  const pageServices = createPageServices({ db, store: docStore, docs: pageDocs, logger, written })
  const wiki = createWiki({
    db,
    pages: pageServices,
    search,
    written,
    onLinksChanged: (page, targets) =>
      workspaceEvents.publish(page.workspaceId, { type: 'page.links', pageId: page.id, targets }),
  })
  // The typology asks the rounds which codings are blind; the rounds read the typology's codings.
  const roundServices = createRounds(db, pageDocs)
  const typology = createTypology(
    db,
    pageDocs,
    workspaceEvents,
    (pageIds) => derive.flush(pageIds),
    roundServices.rounds.rules,
  )
  const recordHistory = config.HISTORY === 'on'
  const history = createHistory({
    db,
    store: docStore,
    docs: pageDocs,
    pages: pageServices.pages,
    properties: pageServices.properties,
    logger,
    idleMs: config.VERSION_IDLE_S * 1000,
    maxMs: config.VERSION_MAX_S * 1000,
    thinning: {
      keepAllMs: config.VERSION_KEEP_ALL_H * 3600 * 1000,
      keepHourlyMs: config.VERSION_KEEP_HOURLY_D * 24 * 3600 * 1000,
    },
  })
  const quotations = createQuotations({
    db,
    pages: pageServices,
    workspaceEvents,
    flushDerived: (pageIds) => derive.flush(pageIds),
  })
  // The quotations pass reads the passages' text the typology's pass has just derived.
  for (const pass of [...wiki.passes, typology.passagePass, quotations.pass]) indexer.register(pass)

  const pageAccess = syncAccess({
    accounts,
    workspaces,
    pages: pageServices.pages,
    allowedOrigins: config.PUBLIC_ORIGINS,
  })
  const sync = new SyncServer({
    store: docStore,
    metrics,
    logger,
    authorize: async (req, docName, url) => {
      const decision = await pageAccess(req, docName, url)
      // A coder of an open blind round on this page codes unseen: others do not see their selection.
      if (decision.ok)
        decision.principal.hideSelection = await roundServices.rounds.codesBlind(
          docName,
          decision.principal.userId,
        )
      return decision
    },
    maxMessageBytes: config.MAX_MESSAGE_BYTES,
    maxBufferedBytes: config.MAX_BUFFERED_BYTES,
    compactThreshold: config.COMPACT_THRESHOLD,
    unloadGraceMs: config.UNLOAD_GRACE_MS,
    awarenessFlushMs: config.AWARENESS_FLUSH_MS,
    // Only noted here (the sync queue must not wait); derived and recorded later, debounced.
    onDocUpdated: (docName, principal) => {
      derive.touch(docName)
      if (principal.workspaceId) pageServices.changes.record(principal.workspaceId, docName, principal.userId)
      // The server's own writes (seeds, templates) are no one's edit worth a version.
      if (recordHistory && principal !== SERVER_PRINCIPAL) history.capture.touch(docName)
    },
    onLastConnectionClosed: (docName) => {
      // A version pending for a page everyone left is taken now.
      if (recordHistory) void history.capture.flush([docName])
    },
    recordAuthorship: recordHistory,
    // Pages opened are derived, so a page never indexed (or edited before a crash) gets indexed.
    onDocLoaded: (docName) => derive.touch(docName),
    guardStoredState: config.SYNC_INVARIANT_GUARD,
    fanout: fanout ?? undefined,
  })
  metrics.timerSources.set('unload', () => sync.pendingUnloadCount)
  metrics.timerSources.set('derive', () => derive.pendingCount)
  metrics.timerSources.set('version', () => history.capture.pendingCount)
  // Seeded once, before the server listens: nobody can open a seed page half-written.
  await storage.exclusive(async () => {
    const studyId = await workspaces.ensureDefault()
    await wiki.seed.ensure(studyId)
    await typology.codebook.seedIfEmpty(studyId)
    await createAdminFromEnv(config, accounts, workspaces, logger)
  })
  events.subscribe((change) => applyToSockets(sync, change))
  if (cluster) {
    // Access changes made here reach sockets on every instance; theirs reach ours.
    events.subscribe((change) => cluster.emit('access', change))
    cluster.on('access', (change) => applyToSockets(sync, change as AccessChange))
    cluster.on('workspace', (data) => {
      const { workspaceId, event } = data as { workspaceId: string; event: WorkspaceEvent }
      workspaceEvents.deliver(workspaceId, event)
    })
  }

  const files = new Files(db, config.dataDir, (workspaceId, userId) => workspaces.roleOf(workspaceId, userId))
  const imports = createImports({
    db,
    pages: pageServices,
    files,
    limits: {
      maxImportBytes: config.MAX_IMPORT_BYTES,
      maxUnzippedBytes: config.MAX_IMPORT_UNZIPPED_BYTES,
      maxEntries: config.MAX_IMPORT_ENTRIES,
    },
    written,
    recordVersion: async (pageId, userId) => {
      if (recordHistory) await history.versions.capture(pageId, 'import', { createdBy: userId })
    },
    created: (page, userId) => {
      pageServices.changes.record(page.workspaceId, page.id, userId)
      workspaceEvents.publish(page.workspaceId, { type: 'page.created', pageId: page.id, actorId: userId })
    },
  })

  const routeDeps: RouteDeps = {
    accounts,
    workspaces,
    events,
    workspaceEvents,
    loginLimits: loginLimits(config, cluster),
    adoptOrphanWorkspaces: (userId) => workspaces.adoptOrphans(userId),
    ...pageServices,
    search,
    indexer,
    closeDocuments: (pageIds) => sync.closeDocuments(pageIds),
    links: wiki.links,
    comments: new Comments(db),
    notifications: new Notifications(db),
    files,
    maxUploadBytes: config.MAX_UPLOAD_BYTES,
    ...imports,
    maxImportBytes: config.MAX_IMPORT_BYTES,
    pageDocs,
    typology,
    history,
    quotations,
    citingPages: (pageId) => quotations.citingPages(pageId),
    ...roundServices,
  }
  const app = createHttpApp({
    metrics,
    logger,
    webDist: config.WEB_DIST,
    maxBodyBytes: config.MAX_BODY_BYTES,
    // Uploads and imports have their own, larger limits (MAX_UPLOAD_BYTES, MAX_IMPORT_BYTES).
    largeBodies: [
      { matches: isFileUpload, limit: uploadBodyLimit(config.MAX_UPLOAD_BYTES) },
      { matches: isImportUpload, limit: importBodyLimit(config.MAX_IMPORT_BYTES) },
    ],
    authenticate: authenticate(accounts, config.PUBLIC_ORIGINS),
    lookups: {
      page: (pageId) => pageServices.pages.get(pageId),
      workspaceExists: async (workspaceId) => (await workspaces.get(workspaceId)) !== null,
      roleOf: (workspaceId, userId) => workspaces.roleOf(workspaceId, userId),
    },
    routes: mountedRoutes(routeDeps),
    health: async () => {
      const database = await sql`SELECT 1`.execute(db).then(
        () => 'up' as const,
        () => 'down' as const,
      )
      // Redis away: still ready. This instance serves its clients and catches the others up later.
      const redis = cluster ? cluster.status.redis : undefined
      return {
        ok: database === 'up',
        database,
        store: config.DATABASE_URL ? 'postgres' : 'sqlite',
        ...(cluster ? { redis, instance: cluster.instance, peers: cluster.status.peers } : {}),
      }
    },
  })
  const server = createAdaptorServer({ fetch: app.fetch }) as http.Server
  server.on('upgrade', sync.handleUpgrade)
  server.on('clientError', (_error, socket) => socket.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.PORT, config.HOST, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  logger.info({ port, dataDir: config.dataDir, allocator: memoryAllocator() }, 'listening')

  let closing: Promise<void> | null = null
  return {
    port,
    close() {
      closing ??= (async () => {
        const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()))
        await sync.close()
        server.closeAllConnections()
        await httpClosed
        await history.capture.close()
        await derive.close()
        await pageServices.changes.flush()
        fanout?.close()
        await cluster?.close()
        await storage.close()
        logger.info('stopped')
      })()
      return closing
    },
  }
}

/** Failed sign-ins counted per account and per address: in Redis with several instances, else here. */
function loginLimits(config: Config, cluster: RedisCluster | null) {
  const window = config.LOGIN_WINDOW_S * 1000
  const limiter = (name: string, limit: number) => {
    const local = new RateLimiter(limit, window)
    return cluster ? new RedisRateLimiter(cluster, name, limit, window, local) : local
  }
  return {
    perAccount: limiter('account', config.LOGIN_MAX_FAILURES_PER_ACCOUNT),
    perAddress: limiter('address', config.LOGIN_MAX_FAILURES_PER_ADDRESS),
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
