/** The HTTP side: health, metrics, the API routes and the web app, with one error shape throughout. */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { authenticate } from '../accounts/authenticate.ts'
import { registerAuthRoutes } from '../accounts/routes.ts'
import { registerTokenRoutes } from '../accounts/token-routes.ts'
import { registerNotificationRoutes } from '../comments/notification-routes.ts'
import { registerCommentRoutes } from '../comments/routes.ts'
import type { Metrics } from '../ops/metrics.ts'
import { registerPageRoutes } from '../pages/routes.ts'
import { registerTypologyExportRoutes } from '../typology/export-routes.ts'
import { registerTypologyRoutes } from '../typology/routes.ts'
import { registerWikiRoutes } from '../wiki/routes.ts'
import { registerEventRoutes } from '../workspaces/event-routes.ts'
import { registerWorkspaceRoutes } from '../workspaces/routes.ts'
import type { Register, RouteDeps } from './deps.ts'
import type { AppEnv } from './env.ts'
import { ApiError, errorBody, errorResponse } from './errors.ts'
import { guard } from './guard.ts'
import { ROUTES } from './route-table.ts'
import { mountWebApp } from './static.ts'

export interface HttpDeps extends RouteDeps {
  metrics: Metrics
  webDist: string
  allowedOrigins: string[]
  maxBodyBytes: number
}

export function createHttpApp(deps: HttpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.onError((error, c) => {
    if (!('status' in error)) deps.logger.error({ err: error, path: c.req.path }, 'request failed')
    return errorResponse(c, error)
  })
  app.get('/api/health', (c) => c.json({ ok: true }))
  app.get('/metrics', async (c) => {
    c.header('Content-Type', deps.metrics.registry.contentType)
    return c.body(await deps.metrics.registry.metrics())
  })
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new ApiError(
          413,
          'payload_too_large',
          `Request bodies are limited to ${deps.maxBodyBytes} bytes`,
        )
      },
    }),
  )
  app.use('/api/*', authenticate(deps.accounts, deps.allowedOrigins))

  const on: Register = (name, handler) => {
    const spec = ROUTES[name]
    app.on(spec.method, spec.path, guard(spec.guard, deps), handler)
  }
  registerAuthRoutes(on, deps)
  registerTokenRoutes(on, deps)
  registerWorkspaceRoutes(on, deps)
  registerPageRoutes(on, deps)
  registerWikiRoutes(on, deps)
  registerEventRoutes(on, deps)
  registerCommentRoutes(on, deps)
  registerNotificationRoutes(on, deps)
  registerTypologyRoutes(on, deps)
  registerTypologyExportRoutes(on, deps)

  app.all('/api/*', (c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404))
  mountWebApp(app, deps.webDist)
  return app
}
