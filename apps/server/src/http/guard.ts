/** Applies a route's Guard: who is calling, are they a member, does their role allow the action. */
import type { Page, Role } from '@tisserand/api-types'
import type { MiddlewareHandler } from 'hono'
import { can } from '../access/policy.ts'
import { ApiError } from '../errors.ts'
import type { AppEnv } from './env.ts'
import type { Guard } from './route-table.ts'

/** What the guard needs to know about pages, workspaces and roles (given by their features). */
export interface GuardLookups {
  page(pageId: string): Promise<Page | null>
  workspaceExists(workspaceId: string): Promise<boolean>
  roleOf(workspaceId: string, userId: string): Promise<Role | null>
}

export function guard(rule: Guard, lookups: GuardLookups): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (rule.kind === 'public') return next()
    const auth = c.get('auth')
    if (!auth) throw new ApiError(401, 'unauthenticated', 'Sign in or send an API token')
    if (rule.kind === 'login') return next()
    let workspaceId: string
    if (rule.kind === 'page') {
      const page = await lookups.page(c.req.param('pageId') ?? '')
      if (!page) throw new ApiError(404, 'page_not_found', 'No such page')
      c.set('page', page)
      workspaceId = page.workspaceId
    } else {
      workspaceId = c.req.param('workspaceId') ?? ''
      if (!(await lookups.workspaceExists(workspaceId)))
        throw new ApiError(404, 'workspace_not_found', 'No such workspace')
    }
    const role = await lookups.roleOf(workspaceId, auth.user.id)
    if (!role) throw new ApiError(403, 'not_a_member', 'You are not a member of this workspace')
    if (!can(role, rule.action))
      throw new ApiError(403, 'forbidden', `Your role (${role}) does not allow ${rule.action}`)
    c.set('workspaceId', workspaceId)
    c.set('role', role)
    return next()
  }
}
