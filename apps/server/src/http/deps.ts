/** What route handlers need, built once per process in server.ts. */
import type { Handler } from 'hono'
import type { AccessEvents } from '../access/access-events.ts'
import type { Accounts } from '../accounts/accounts.ts'
import type { RateLimiter } from '../accounts/rate-limit.ts'
import type { Comments } from '../comments/comments.ts'
import type { Notifications } from '../comments/notifications.ts'
import type { Logger } from '../ops/logger.ts'
import type { Pages } from '../pages/pages.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import type { Typology } from '../typology/services.ts'
import type { WikiServices } from '../wiki/wiki.ts'
import type { WorkspaceEvents } from '../workspaces/workspace-events.ts'
import type { Workspaces } from '../workspaces/workspaces.ts'
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
