/**
 * Every role against every API route and socket action, generated from the server's own route
 * table and policy table: a route added without a row here fails the coverage check.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import { can, ROLES, SOCKET_ACTIONS } from '../../apps/server/src/access/policy.ts'
import type { Guard } from '../../apps/server/src/http/route-table.ts'
import { ROUTES, type RouteName } from '../../apps/server/src/routes.ts'
import { Api, asOwner, memberWithRole } from '../support/api.ts'
import { COMMENT_FIXTURES } from '../support/comment-fixtures.ts'
import { FILE_FIXTURES } from '../support/files.ts'
import { IMPORT_FIXTURES } from '../support/import-fixtures.ts'
import { QUOTATION_FIXTURES } from '../support/quotation-fixtures.ts'
import { ROUND_FIXTURES } from '../support/round-fixtures.ts'
import { startServer, type TestServer } from '../support/server.ts'
import { TYPOLOGY_FIXTURES } from '../support/typology-fixtures.ts'

type Caller = 'anonymous' | 'outsider' | (typeof ROLES)[number]
const CALLERS: Caller[] = ['anonymous', 'outsider', ...ROLES]

interface Context {
  server: TestServer
  owner: Api
  workspaceId: string
  pageId: string
  otherWorkspaceId: string
}

/** How to call a route: its path parameters and body, made fresh per call where the call consumes them. */
interface Fixture {
  /** The response is an endless stream: judge it by its status and headers only. */
  stream?: boolean
  /** The call changes who the caller is (leaves, signs out, joins): use a caller made for this call. */
  freshCaller?: boolean
  prepare?: (ctx: Context, caller: Api | null) => Promise<Record<string, string>>
  /** A query string for routes that need one, from the path parameters. */
  query?: (params: Record<string, string>) => string
  body?: (params: Record<string, string>) => unknown
}

let counter = 0
const unique = (prefix: string) => `${prefix}-${Date.now()}-${counter++}@example.org`

/** A page of its own for calls that archive, restore or delete it. */
async function freshPage(ctx: Context, kind = 'note'): Promise<string> {
  const res = await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/pages`, { title: 'Jetable', kind })
  return res.body.id
}

/** A named version of the matrix's page, made by the owner. */
async function namedVersion(ctx: Context): Promise<Record<string, string>> {
  const res = await ctx.owner.post(`/api/pages/${ctx.pageId}/versions`, { name: 'Matrice' })
  return { versionId: res.body.version.id }
}

const FIXTURES: Record<RouteName, Fixture> = {
  ...TYPOLOGY_FIXTURES,
  exportPage: { query: () => '?format=md' },
  exportWorkspace: { query: () => '?format=html' },
  listVersions: {},
  createVersion: { body: () => ({ name: 'Avant relecture' }) },
  getVersion: { prepare: namedVersion },
  restoreVersion: { prepare: namedVersion },
  compareVersions: {
    prepare: namedVersion,
    query: ({ versionId }) => `?from=${versionId}&to=current`,
  },
  getAuthorship: {},
  ...ROUND_FIXTURES,
  setupStatus: {},
  setup: { body: () => ({ email: unique('setup'), name: 'X', password: 'long enough password' }) },
  login: { body: () => ({ email: 'owner@example.org', password: 'correct horse battery' }) },
  logout: { freshCaller: true },
  me: {},
  changePassword: {
    freshCaller: true,
    body: () => ({ currentPassword: 'a long enough password', newPassword: 'another long password' }),
  },
  listTokens: {},
  createToken: { body: () => ({ name: 'matrix' }) },
  revokeToken: {
    prepare: async (_ctx, caller) => {
      if (!caller) return { tokenId: 'none' }
      return { tokenId: (await caller.post('/api/tokens', { name: 'to revoke' })).body.id }
    },
  },
  listWorkspaces: {},
  createWorkspace: { body: () => ({ name: 'Autre espace' }) },
  getWorkspace: {},
  renameWorkspace: { body: () => ({ name: 'Étude IRG' }) },
  listMembers: {},
  changeRole: {
    prepare: async (ctx) => ({
      userId: (await memberWithRole(ctx.server, ctx.owner, ctx.workspaceId, 'viewer', unique('target')))
        .userId,
    }),
    body: () => ({ role: 'commenter' }),
  },
  removeMember: {
    prepare: async (ctx) => ({
      userId: (await memberWithRole(ctx.server, ctx.owner, ctx.workspaceId, 'viewer', unique('target')))
        .userId,
    }),
  },
  leaveWorkspace: { freshCaller: true },
  listInvites: {},
  createInvite: { body: () => ({ role: 'viewer' }) },
  revokeInvite: {
    prepare: async (ctx) => ({
      inviteId: (await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/invites`, { role: 'viewer' })).body
        .id,
    }),
  },
  readInvite: {
    prepare: async (ctx) => ({
      token: (await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/invites`, { role: 'viewer' })).body
        .token,
    }),
  },
  acceptInvite: {
    freshCaller: true,
    prepare: async (ctx) => ({
      token: (await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/invites`, { role: 'viewer' })).body
        .token,
    }),
  },
  signupWithInvite: {
    prepare: async (ctx) => ({
      token: (await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/invites`, { role: 'viewer' })).body
        .token,
    }),
    body: () => ({ email: unique('signup'), name: 'Nouvelle', password: 'a long enough password' }),
  },
  listPages: {},
  createPage: { body: () => ({ title: 'Fiche', kind: 'case' }) },
  getPage: {},
  updatePage: { body: () => ({ title: 'Renommée' }) },
  archivePage: { prepare: async (ctx) => ({ pageId: await freshPage(ctx) }) },
  restorePage: {
    prepare: async (ctx) => {
      const pageId = await freshPage(ctx)
      await ctx.owner.post(`/api/pages/${pageId}/archive`)
      return { pageId }
    },
  },
  deletePage: { prepare: async (ctx) => ({ pageId: await freshPage(ctx) }) },
  listTrash: {},
  getPageProperties: {},
  updatePageProperties: {
    prepare: async (ctx) => ({ pageId: await freshPage(ctx, 'case') }),
    body: () => ({ territory: 'Grenoble', needsOrigin: 'both' }),
  },
  getPageOutline: {},
  listBacklinks: {},
  getTemplate: {},
  search: {},
  recentChanges: {},
  workspaceEvents: { stream: true },
  ...COMMENT_FIXTURES,
  ...QUOTATION_FIXTURES,
  ...FILE_FIXTURES,
  ...IMPORT_FIXTURES,
}

/** What the policy says a caller gets: 'allowed' (any status but 401/403), or the refusal status. */
function expected(guard: Guard, caller: Caller): 'allowed' | 401 | 403 {
  if (guard.kind === 'public') return 'allowed'
  if (caller === 'anonymous') return 401
  if (guard.kind === 'login') return 'allowed'
  if (caller === 'outsider') return 403
  return can(caller, guard.action) ? 'allowed' : 403
}

/** Opens a never-ending response, keeps its status and first bytes, then hangs up. */
async function openStream(api: Api, path: string) {
  const controller = new AbortController()
  const headers: Record<string, string> = {}
  if (api.cookie) headers.cookie = api.cookie
  const response = await fetch(api.baseUrl + path, { headers, signal: controller.signal })
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null
  controller.abort()
  return { status: response.status, body, headers: response.headers }
}

let ctx: Context
const callers = new Map<Caller, Api | null>()

async function makeCaller(caller: Caller): Promise<Api | null> {
  if (caller === 'anonymous') return null
  if (caller === 'owner') return Api.forServer(ctx.server).login('owner@example.org', 'correct horse battery')
  if (caller === 'outsider')
    return (await memberWithRole(ctx.server, ctx.owner, ctx.otherWorkspaceId, 'editor', unique('outsider')))
      .api
  return (await memberWithRole(ctx.server, ctx.owner, ctx.workspaceId, caller, unique(caller))).api
}

beforeAll(async () => {
  const server = await startServer()
  const { api: owner, workspaceId, newPage } = await asOwner(server)
  const otherWorkspaceId = (await owner.post('/api/workspaces', { name: 'Autre' })).body.id
  ctx = { server, owner, workspaceId, pageId: await newPage('Synthèse', 'synthesis'), otherWorkspaceId }
  for (const caller of CALLERS) callers.set(caller, await makeCaller(caller))
})
afterAll(async () => {
  await ctx.server.kill('SIGTERM')
})

test('every route in the route table has a row in this matrix', () => {
  expect(Object.keys(FIXTURES).sort()).toEqual(Object.keys(ROUTES).sort())
})

describe.each(Object.entries(ROUTES) as [RouteName, (typeof ROUTES)[RouteName]][])('%s', (name, spec) => {
  test.each(CALLERS)('as %s', async (caller) => {
    const fixture = FIXTURES[name]
    const api = fixture.freshCaller ? await makeCaller(caller) : (callers.get(caller) ?? null)
    const params: Record<string, string> = {
      workspaceId: ctx.workspaceId,
      pageId: ctx.pageId,
      ...(await fixture.prepare?.(ctx, api)),
    }
    const path =
      spec.path.replace(/:(\w+)/g, (_, key: string) => params[key] ?? `missing-${key}`) +
      (fixture.query?.(params) ?? '')
    const body =
      fixture.body?.(params) ?? (spec.method === 'GET' || spec.method === 'DELETE' ? undefined : {})
    const client = (api ?? Api.forServer(ctx.server)).clone()
    const res = fixture.stream
      ? await openStream(client, path)
      : await client.request(spec.method, path, body)
    const want = expected(spec.guard, caller)
    const seen = `${spec.method} ${path} as ${caller} → ${res.status} ${JSON.stringify(res.body)}`
    if (want === 'allowed') {
      expect(res.status, seen).not.toBe(401)
      expect(res.status, seen).not.toBe(403)
      expect(res.status, seen).toBeLessThan(500)
    } else {
      expect(res.status, seen).toBe(want)
      expect(res.body?.error?.code, seen).toEqual(expect.any(String))
    }
  })
})

describe('collaboration socket', () => {
  test.each(CALLERS)('connect and write as %s', async (caller) => {
    const api = callers.get(caller) ?? null
    const headers: Record<string, string> = { origin: ctx.server.url }
    if (api?.cookie) headers.cookie = api.cookie
    const ws = new WebSocket(`${ctx.server.wsUrl}/${ctx.pageId}`, { headers })
    ws.on('error', () => {})
    const outcome = await new Promise<{ status: number } | { access: string }>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }))
      ws.on('message', (data: Buffer) => {
        // The access message: [auth=2, sub-type access=1, varString].
        if (data[0] === 2 && data[1] === 1) resolve({ access: data.subarray(3).toString('utf8') })
      })
    })
    ws.terminate()
    const connectAllowed =
      caller !== 'anonymous' && caller !== 'outsider' && can(caller, SOCKET_ACTIONS.connect)
    if (caller === 'anonymous') expect(outcome).toEqual({ status: 401 })
    else if (!connectAllowed) expect(outcome).toEqual({ status: 403 })
    else expect(outcome).toEqual({ access: can(caller, SOCKET_ACTIONS.write) ? 'read-write' : 'read-only' })
  })
})
