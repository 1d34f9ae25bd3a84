/** Applies a route's Guard: who is calling, are they a member, does their role allow the action. */
import type { MiddlewareHandler } from 'hono'
import { can } from '../access/policy.ts'
import type { Pages } from '../pages/pages.ts'
import type { Workspaces } from '../workspaces/workspaces.ts'
import type { AppEnv } from './env.ts'
import { ApiError } from './errors.ts'
import type { Guard } from './route-table.ts'

export interface GuardDeps {
  workspaces: Workspaces
  pages: Pages
}

export function guard(rule: Guard, deps: GuardDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (rule.kind === 'public') return next()
    const auth = c.get('auth')
    if (!auth) throw new ApiError(401, 'unauthenticated', 'Sign in or send an API token')
    if (rule.kind === 'login') return next()
    let workspaceId: string
    if (rule.kind === 'page') {
      const page = await deps.pages.get(c.req.param('pageId') ?? '')
      if (!page) throw new ApiError(404, 'page_not_found', 'No such page')
      c.set('page', page)
      workspaceId = page.workspaceId
    } else {
      workspaceId = c.req.param('workspaceId') ?? ''
      if (!(await deps.workspaces.get(workspaceId)))
        throw new ApiError(404, 'workspace_not_found', 'No such workspace')
    }
    const role = await deps.workspaces.roleOf(workspaceId, auth.user.id)
    if (!role) throw new ApiError(403, 'not_a_member', 'You are not a member of this workspace')
    if (!can(role, rule.action))
      throw new ApiError(403, 'forbidden', `Your role (${role}) does not allow ${rule.action}`)
    c.set('workspaceId', workspaceId)
    c.set('role', role)
    return next()
  }
}
