/** Resolves the caller on every /api request and refuses cross-site requests that carry our cookie. */
import type { MiddlewareHandler } from 'hono'
import { ApiError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'
import type { Accounts } from './accounts.ts'
import { bearerToken, identify, isSameOrigin, readCookie, SESSION_COOKIE } from './request-auth.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function authenticate(accounts: Accounts, allowedOrigins: string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bearer = bearerToken(c.req.header('authorization'))
    const cookie = bearer ? null : readCookie(c.req.header('cookie'), SESSION_COOKIE)
    const origin = c.req.header('origin')
    const unsafe = !SAFE_METHODS.has(c.req.method)
    // Any cross-site unsafe request is refused, signed in or not (this also stops login CSRF);
    // a cookie-authenticated one must prove it comes from our own pages.
    if (unsafe && (origin || cookie) && !isSameOrigin(origin, c.req.header('host'), allowedOrigins)) {
      throw new ApiError(403, 'csrf', 'Cross-site request refused')
    }
    const identity = await identify(accounts, { bearer, cookie })
    if (bearer && !identity) throw new ApiError(401, 'invalid_token', 'Unknown or revoked API token')
    c.set('auth', identity)
    return next()
  }
}
