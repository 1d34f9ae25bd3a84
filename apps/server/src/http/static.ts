/** Serves the built web app; any other non-API path gets index.html so client routes can be bookmarked. */
import fs from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Env, Hono } from 'hono'

export function mountWebApp<E extends Env>(app: Hono<E>, webDist: string): void {
  const indexFile = path.join(webDist, 'index.html')
  app.use('/assets/*', serveStatic({ root: webDist }))
  app.use('*', serveStatic({ root: webDist }))
  app.get('*', (c) => {
    if (!fs.existsSync(indexFile)) {
      return c.text('The web app is not built yet: run `pnpm build` (or `pnpm start`, which builds it).', 503)
    }
    return c.html(fs.readFileSync(indexFile, 'utf8'))
  })
}
