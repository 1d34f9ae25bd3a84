/** The HTTP side: health, metrics, the features' API routes and the web app, with one error shape throughout. */
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { ApiError } from '../errors.ts'
import type { Logger } from '../ops/logger.ts'
import type { Metrics } from '../ops/metrics.ts'
import type { AppEnv } from './env.ts'
import { errorBody, errorResponse } from './errors.ts'
import { type GuardLookups, guard } from './guard.ts'
import type { MountedRoute } from './route-table.ts'
import { mountWebApp } from './static.ts'

export interface HttpDeps {
  metrics: Metrics
  logger: Logger
  webDist: string
  maxBodyBytes: number
  /** Requests allowed a larger body than maxBodyBytes (uploads), each with its own limit. */
  largeBodies?: { matches: (c: Context) => boolean; limit: MiddlewareHandler }[]
  /** Resolves the caller of every /api request (the accounts feature's middleware). */
  authenticate: MiddlewareHandler<AppEnv>
  lookups: GuardLookups
  /** Every feature's routes (assembleRoutes). */
  routes: MountedRoute[]
  /**
   * What /api/health reports beside `ok` (the database, Redis); `ok: false` answers 503. Absent:
   * `{ok: true}`.
   */
  health?: () => Promise<{ ok: boolean } & Record<string, unknown>>
}

export function createHttpApp(deps: HttpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.onError((error, c) => {
    if (!('status' in error)) deps.logger.error({ err: error, path: c.req.path }, 'request failed')
    return errorResponse(c, error)
  })
  app.get('/api/health', async (c) => {
    if (!deps.health) return c.json({ ok: true })
    const report = await deps.health()
    return c.json(report, report.ok ? 200 : 503)
  })
  app.get('/metrics', async (c) => {
    // Run with --expose-gc (the soak test does), a scrape collects garbage first, so the memory
    // gauges show live memory and a leak is told from garbage not yet collected.
    ;(globalThis as { gc?: () => void }).gc?.()
    c.header('Content-Type', deps.metrics.registry.contentType)
    return c.body(await deps.metrics.registry.metrics())
  })
  const jsonLimit = bodyLimit({
    maxSize: deps.maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `Request bodies are limited to ${deps.maxBodyBytes} bytes`)
    },
  })
  app.use('/api/*', (c, next) => {
    const large = deps.largeBodies?.find((body) => body.matches(c))
    return large ? large.limit(c, next) : jsonLimit(c, next)
  })
  app.use('/api/*', deps.authenticate)
  for (const route of deps.routes)
    app.on(route.method, route.path, guard(route.guard, deps.lookups), route.handler)

  app.all('/api/*', (c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404))
  mountWebApp(app, deps.webDist)
  return app
}
