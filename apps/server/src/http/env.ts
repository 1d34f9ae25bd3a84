/** What the middlewares put in a request's context for the handlers after them. */
import type { Page, Role, User } from '@tisserand/api-types'

export interface Authenticated {
  user: User
  via: 'session' | 'token'
  sessionHash?: string
  tokenId?: string
}

export interface AppEnv {
  Variables: {
    auth: Authenticated | null
    /** Set by workspace- and page-guarded routes. */
    workspaceId: string
    role: Role
    page: Page
  }
}
