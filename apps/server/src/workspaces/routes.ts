/** Workspaces, their members and roles, and invitation links. */
import { z } from 'zod'
import type { AccessEvents } from '../access/access-events.ts'
import { ROLES } from '../access/policy.ts'
import { type Accounts, email, password, personName, setSessionCookie } from '../accounts/index.ts'
import { ApiError } from '../errors.ts'
import {
  inWorkspace,
  publicRoute,
  type RouteHandlers,
  type RouteSpecs,
  signedIn,
} from '../http/route-table.ts'
import { readJson } from '../http/validate.ts'
import type { WorkspaceEvents } from './workspace-events.ts'
import type { Workspaces } from './workspaces.ts'

export interface WorkspaceRouteDeps {
  accounts: Accounts
  workspaces: Workspaces
  /** Membership and role changes, for open sockets to follow at once. */
  events: AccessEvents
  workspaceEvents: WorkspaceEvents
}

const nameBody = z.object({ name: z.string().trim().min(1).max(200) })
const roleBody = z.object({ role: z.enum(ROLES) })
const inviteBody = z.object({
  role: z.enum(ROLES).refine((role) => role !== 'owner', 'invites cannot grant owner'),
  expiresInDays: z.number().int().min(1).max(90).default(7),
})
const signupBody = z.object({ email, name: personName, password })

export const WORKSPACE_ROUTES = {
  listWorkspaces: { method: 'GET', path: '/api/workspaces', guard: signedIn },
  createWorkspace: { method: 'POST', path: '/api/workspaces', guard: signedIn },
  getWorkspace: { method: 'GET', path: '/api/workspaces/:workspaceId', guard: inWorkspace('workspace.read') },
  renameWorkspace: {
    method: 'PATCH',
    path: '/api/workspaces/:workspaceId',
    guard: inWorkspace('workspace.rename'),
  },
  listMembers: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/members',
    guard: inWorkspace('member.list'),
  },
  changeRole: {
    method: 'PATCH',
    path: '/api/workspaces/:workspaceId/members/:userId',
    guard: inWorkspace('member.manage'),
  },
  removeMember: {
    method: 'DELETE',
    path: '/api/workspaces/:workspaceId/members/:userId',
    guard: inWorkspace('member.manage'),
  },
  leaveWorkspace: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/leave',
    guard: inWorkspace('workspace.read'),
  },
  listInvites: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/invites',
    guard: inWorkspace('invite.manage'),
  },
  createInvite: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/invites',
    guard: inWorkspace('invite.manage'),
  },
  revokeInvite: {
    method: 'DELETE',
    path: '/api/workspaces/:workspaceId/invites/:inviteId',
    guard: inWorkspace('invite.manage'),
  },
  readInvite: { method: 'GET', path: '/api/invites/:token', guard: publicRoute },
  acceptInvite: { method: 'POST', path: '/api/invites/:token/accept', guard: signedIn },
  signupWithInvite: { method: 'POST', path: '/api/invites/:token/signup', guard: publicRoute },
} as const satisfies RouteSpecs

export function workspaceHandlers(deps: WorkspaceRouteDeps): RouteHandlers<typeof WORKSPACE_ROUTES> {
  const { accounts, workspaces, events } = deps

  const userId = (c: { get(key: 'auth'): { user: { id: string } } | null }) => {
    const auth = c.get('auth')
    if (!auth) throw new ApiError(401, 'unauthenticated', 'Sign in first')
    return auth.user.id
  }

  /** The last owner can neither leave, be removed nor be downgraded: a workspace always has one. */
  async function keepAnOwner(workspaceId: string, targetUserId: string): Promise<void> {
    const role = await workspaces.roleOf(workspaceId, targetUserId)
    if (role === 'owner' && (await workspaces.countOwners(workspaceId)) <= 1) {
      throw new ApiError(409, 'last_owner', 'A workspace needs at least one owner')
    }
  }

  const validInvite = async (token: string) => {
    const invite = await workspaces.findInvite(token)
    if (!invite)
      throw new ApiError(404, 'invite_invalid', 'This invitation link is unknown, revoked or expired')
    return invite
  }

  return {
    listWorkspaces: async (c) => c.json(await workspaces.listForUser(userId(c))),
    createWorkspace: async (c) => {
      const { name } = await readJson(c, nameBody)
      const id = await workspaces.create(name, userId(c))
      return c.json({ id, name, role: 'owner' }, 201)
    },
    getWorkspace: async (c) => {
      const workspace = await workspaces.get(c.get('workspaceId'))
      return c.json({ id: workspace?.id, name: workspace?.name, role: c.get('role') })
    },
    renameWorkspace: async (c) => {
      const { name } = await readJson(c, nameBody)
      await workspaces.rename(c.get('workspaceId'), name)
      return c.json({ id: c.get('workspaceId'), name, role: c.get('role') })
    },
    listMembers: async (c) => c.json({ members: await workspaces.listMembers(c.get('workspaceId')) }),
    changeRole: async (c) => {
      const workspaceId = c.get('workspaceId')
      const target = c.req.param('userId') ?? ''
      const { role } = await readJson(c, roleBody)
      if (!(await workspaces.roleOf(workspaceId, target)))
        throw new ApiError(404, 'member_not_found', 'No such member')
      if (role !== 'owner') await keepAnOwner(workspaceId, target)
      await workspaces.setRole(workspaceId, target, role)
      events.emit({ type: 'role-changed', workspaceId, userId: target, role })
      return c.json({ userId: target, role })
    },
    removeMember: async (c) => {
      const workspaceId = c.get('workspaceId')
      const target = c.req.param('userId') ?? ''
      await keepAnOwner(workspaceId, target)
      if (!(await workspaces.removeMember(workspaceId, target)))
        throw new ApiError(404, 'member_not_found', 'No such member')
      events.emit({ type: 'member-removed', workspaceId, userId: target })
      return c.body(null, 204)
    },
    leaveWorkspace: async (c) => {
      const workspaceId = c.get('workspaceId')
      const me = userId(c)
      await keepAnOwner(workspaceId, me)
      await workspaces.removeMember(workspaceId, me)
      events.emit({ type: 'member-removed', workspaceId, userId: me })
      return c.body(null, 204)
    },
    listInvites: async (c) => c.json({ invites: await workspaces.listInvites(c.get('workspaceId')) }),
    createInvite: async (c) => {
      const { role, expiresInDays } = await readJson(c, inviteBody)
      const invite = await workspaces.createInvite(
        c.get('workspaceId'),
        role,
        userId(c),
        expiresInDays * 24 * 3600 * 1000,
      )
      return c.json({ ...invite, path: `/invite/${invite.token}` }, 201)
    },
    revokeInvite: async (c) => {
      if (!(await workspaces.revokeInvite(c.get('workspaceId'), c.req.param('inviteId') ?? ''))) {
        throw new ApiError(404, 'invite_not_found', 'No such invite')
      }
      return c.body(null, 204)
    },
    readInvite: async (c) => {
      const invite = await validInvite(c.req.param('token') ?? '')
      return c.json({
        workspaceId: invite.workspace_id,
        workspaceName: invite.workspace_name,
        role: invite.role,
        expiresAt: Number(invite.expires_at),
      })
    },
    acceptInvite: async (c) => {
      const invite = await validInvite(c.req.param('token') ?? '')
      const role = await workspaces.acceptInvite(invite, userId(c))
      return c.json({ workspaceId: invite.workspace_id, role })
    },
    signupWithInvite: async (c) => {
      const invite = await validInvite(c.req.param('token') ?? '')
      const body = await readJson(c, signupBody)
      if (await accounts.findByEmail(body.email)) {
        throw new ApiError(
          409,
          'email_taken',
          'An account with this email exists: sign in, then open the link again',
          'email',
        )
      }
      const user = await accounts.createUser(body)
      const role = await workspaces.acceptInvite(invite, user.id)
      const session = await accounts.createSession(user.id)
      setSessionCookie(c, session.secret, session.expiresAt)
      return c.json({ user, workspaceId: invite.workspace_id, role }, 201)
    },
  }
}
