/** The HTTP side: health, metrics, the API routes and the web app, with one error shape throughout. */
import { Hono } from 'hono'
import type { Logger } from '../ops/logger.ts'
import type { Metrics } from '../ops/metrics.ts'
import { errorBody, errorResponse } from './errors.ts'
import { mountWebApp } from './static.ts'

export interface HttpDeps {
  metrics: Metrics
  logger: Logger
  webDist: string
}

export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono()
  app.onError((error, c) => {
    if (!('status' in error)) deps.logger.error({ err: error, path: c.req.path }, 'request failed')
    return errorResponse(c, error)
  })
  app.get('/api/health', (c) => c.json({ ok: true }))
  app.get('/metrics', async (c) => {
    c.header('Content-Type', deps.metrics.registry.contentType)
    return c.body(await deps.metrics.registry.metrics())
  })
  app.all('/api/*', (c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404))
  mountWebApp(app, deps.webDist)
  return app
}
