/** What route handlers need, built once per process in server.ts. */
import type { Handler } from 'hono'
import type { AccessEvents } from '../access/access-events.ts'
import type { RateLimiter } from '../auth/rate-limit.ts'
import type { Accounts } from '../domain/accounts.ts'
import type { Comments } from '../domain/comments.ts'
import type { Notifications } from '../domain/notifications.ts'
import type { Pages } from '../domain/pages.ts'
import type { WikiServices } from '../domain/wiki.ts'
import type { WorkspaceEvents } from '../domain/workspace-events.ts'
import type { Workspaces } from '../domain/workspaces.ts'
import type { Logger } from '../ops/logger.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import type { Typology } from '../typology/services.ts'
import type { AppEnv } from './env.ts'
import type { RouteName } from './route-table.ts'

export interface RouteDeps {
  accounts: Accounts
  workspaces: Workspaces
  pages: Pages
  events: AccessEvents
  workspaceEvents: WorkspaceEvents
  logger: Logger
  loginLimits: { perAccount: RateLimiter; perAddress: RateLimiter }
  wiki: WikiServices
  comments: Comments
  notifications: Notifications
  /** Page bodies as they are now, to resolve comment anchors. */
  pageDocs: PageDocs
  typology: Typology
}

/** Registers the handler of a named route; its method, path and guard come from ROUTES. */
export type Register = (name: RouteName, handler: Handler<AppEnv>) => void
