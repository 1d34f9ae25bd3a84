/** The HTTP side: health, metrics, the API routes and the web app, with one error shape throughout. */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { type Files, isFileUpload, registerFileRoutes, uploadBodyLimit } from '../files/index.ts'
import type { Metrics } from '../ops/metrics.ts'
import { authenticate } from './authenticate.ts'
import type { Register, RouteDeps } from './deps.ts'
import type { AppEnv } from './env.ts'
import { ApiError, errorBody, errorResponse } from './errors.ts'
import { guard } from './guard.ts'
import { ROUTES } from './route-table.ts'
import { registerAuthRoutes } from './routes/auth.ts'
import { registerCommentRoutes } from './routes/comments.ts'
import { registerEventRoutes } from './routes/events.ts'
import { registerNotificationRoutes } from './routes/notifications.ts'
import { registerPageRoutes } from './routes/pages.ts'
import { registerTokenRoutes } from './routes/tokens.ts'
import { registerTypologyRoutes } from './routes/typology.ts'
import { registerTypologyExportRoutes } from './routes/typology-exports.ts'
import { registerWikiRoutes } from './routes/wiki.ts'
import { registerWorkspaceRoutes } from './routes/workspaces.ts'
import { mountWebApp } from './static.ts'

export interface HttpDeps extends RouteDeps {
  metrics: Metrics
  webDist: string
  allowedOrigins: string[]
  maxBodyBytes: number
  files: Files
  maxUploadBytes: number
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
  const jsonBodyLimit = bodyLimit({
    maxSize: deps.maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `Request bodies are limited to ${deps.maxBodyBytes} bytes`)
    },
  })
  // Uploads have their own, larger limit.
  const uploadLimit = uploadBodyLimit(deps.maxUploadBytes)
  app.use('/api/*', (c, next) => (isFileUpload(c) ? uploadLimit(c, next) : jsonBodyLimit(c, next)))
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
  registerFileRoutes(on, deps.files, deps.maxUploadBytes)

  app.all('/api/*', (c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404))
  mountWebApp(app, deps.webDist)
  return app
}
