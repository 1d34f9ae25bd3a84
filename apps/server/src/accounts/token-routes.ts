/** Personal API tokens: shown once at creation, stored hashed, revocable. */
import { z } from 'zod'
import type { Register, RouteDeps } from '../http/deps.ts'
import { ApiError } from '../http/errors.ts'
import { readJson } from '../http/validate.ts'

const createBody = z.object({ name: z.string().trim().min(1).max(100) })

export function registerTokenRoutes(on: Register, { accounts, events }: RouteDeps): void {
  on('listTokens', async (c) => {
    const auth = c.get('auth')
    return c.json({ tokens: auth ? await accounts.listTokens(auth.user.id) : [] })
  })

  on('createToken', async (c) => {
    const auth = c.get('auth')
    if (!auth) throw new ApiError(401, 'unauthenticated', 'Sign in first')
    const { name } = await readJson(c, createBody)
    return c.json(await accounts.createToken(auth.user.id, name), 201)
  })

  on('revokeToken', async (c) => {
    const auth = c.get('auth')
    const tokenId = c.req.param('tokenId') ?? ''
    if (!auth || !(await accounts.revokeToken(auth.user.id, tokenId))) {
      throw new ApiError(404, 'token_not_found', 'No such token')
    }
    events.emit({ type: 'token-revoked', tokenId })
    return c.body(null, 204)
  })
}
