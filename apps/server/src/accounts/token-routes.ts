/** Personal API tokens: shown once at creation, stored hashed, revocable. */
import { z } from 'zod'
import { ApiError } from '../errors.ts'
import { type RouteHandlers, type RouteSpecs, signedIn } from '../http/route-table.ts'
import { readJson } from '../http/validate.ts'
import type { AccountRouteDeps } from './routes.ts'

const createBody = z.object({ name: z.string().trim().min(1).max(100) })

export const TOKEN_ROUTES = {
  listTokens: { method: 'GET', path: '/api/tokens', guard: signedIn },
  createToken: { method: 'POST', path: '/api/tokens', guard: signedIn },
  revokeToken: { method: 'DELETE', path: '/api/tokens/:tokenId', guard: signedIn },
} as const satisfies RouteSpecs

export function tokenHandlers({ accounts, events }: AccountRouteDeps): RouteHandlers<typeof TOKEN_ROUTES> {
  return {
    listTokens: async (c) => {
      const auth = c.get('auth')
      return c.json({ tokens: auth ? await accounts.listTokens(auth.user.id) : [] })
    },
    createToken: async (c) => {
      const auth = c.get('auth')
      if (!auth) throw new ApiError(401, 'unauthenticated', 'Sign in first')
      const { name } = await readJson(c, createBody)
      return c.json(await accounts.createToken(auth.user.id, name), 201)
    },
    revokeToken: async (c) => {
      const auth = c.get('auth')
      const tokenId = c.req.param('tokenId') ?? ''
      if (!auth || !(await accounts.revokeToken(auth.user.id, tokenId))) {
        throw new ApiError(404, 'token_not_found', 'No such token')
      }
      events.emit({ type: 'token-revoked', tokenId })
      return c.body(null, 204)
    },
  }
}
