/** First-run setup, login, logout, the current user and their password. */
import { getConnInfo } from '@hono/node-server/conninfo'
import { z } from 'zod'
import type { AccessEvents } from '../access/access-events.ts'
import { ApiError } from '../errors.ts'
import { publicRoute, type RouteHandlers, type RouteSpecs, signedIn } from '../http/route-table.ts'
import { readJson } from '../http/validate.ts'
import type { Accounts } from './accounts.ts'
import { normaliseEmail, toUser } from './accounts.ts'
import { verifyAgainstNothing, verifyPassword } from './passwords.ts'
import type { LoginLimiter } from './rate-limit.ts'
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts'

export interface AccountRouteDeps {
  accounts: Accounts
  events: AccessEvents
  loginLimits: { perAccount: LoginLimiter; perAddress: LoginLimiter }
  /** The first owner (set up at /setup) takes the workspaces nobody owns yet (the seeded study). */
  adoptOrphanWorkspaces(userId: string): Promise<void>
}

export const email = z.string().trim().email().max(254)
export const password = z.string().min(8, 'at least 8 characters').max(256)
export const personName = z.string().trim().min(1).max(100)

const setupBody = z.object({ email, name: personName, password })
const loginBody = z.object({ email: z.string().max(254), password: z.string().max(256) })
const passwordBody = z.object({ currentPassword: z.string().max(256), newPassword: password })

export const ACCOUNT_ROUTES = {
  setupStatus: { method: 'GET', path: '/api/setup', guard: publicRoute },
  setup: { method: 'POST', path: '/api/setup', guard: publicRoute },
  login: { method: 'POST', path: '/api/auth/login', guard: publicRoute },
  logout: { method: 'POST', path: '/api/auth/logout', guard: signedIn },
  me: { method: 'GET', path: '/api/me', guard: signedIn },
  changePassword: { method: 'POST', path: '/api/me/password', guard: signedIn },
} as const satisfies RouteSpecs

export function accountHandlers(deps: AccountRouteDeps): RouteHandlers<typeof ACCOUNT_ROUTES> {
  const { accounts, events, loginLimits, adoptOrphanWorkspaces } = deps
  // Two first visitors racing through /setup must not both become owner.
  let setupLock: Promise<unknown> = Promise.resolve()

  return {
    setupStatus: async (c) => c.json({ needed: (await accounts.countUsers()) === 0 }),
    setup: async (c) => {
      const body = await readJson(c, setupBody)
      const run = setupLock.then(async () => {
        if ((await accounts.countUsers()) > 0)
          throw new ApiError(409, 'already_set_up', 'An owner account exists already')
        const user = await accounts.createUser(body)
        await adoptOrphanWorkspaces(user.id)
        return user
      })
      setupLock = run.catch(() => {})
      const user = await run
      const session = await accounts.createSession(user.id)
      setSessionCookie(c, session.secret, session.expiresAt)
      return c.json({ user }, 201)
    },
    login: async (c) => {
      const body = await readJson(c, loginBody)
      const accountKey = normaliseEmail(body.email)
      const addressKey = getConnInfo(c).remote.address ?? 'unknown'
      const wait = Math.max(
        await loginLimits.perAccount.retryAfter(accountKey),
        await loginLimits.perAddress.retryAfter(addressKey),
      )
      if (wait > 0) {
        c.header('Retry-After', String(wait))
        throw new ApiError(429, 'rate_limited', `Too many failed sign-in attempts; try again in ${wait} s`)
      }
      const row = await accounts.findByEmail(body.email)
      const ok = row
        ? await verifyPassword(body.password, row.password_hash)
        : await verifyAgainstNothing(body.password)
      if (!row || !ok) {
        await loginLimits.perAccount.record(accountKey)
        await loginLimits.perAddress.record(addressKey)
        throw new ApiError(401, 'invalid_credentials', 'Wrong email or password')
      }
      await loginLimits.perAccount.reset(accountKey)
      const session = await accounts.createSession(row.id)
      setSessionCookie(c, session.secret, session.expiresAt)
      return c.json({ user: toUser(row) })
    },
    logout: async (c) => {
      const auth = c.get('auth')
      if (auth?.sessionHash) {
        await accounts.deleteSession(auth.sessionHash)
        events.emit({ type: 'sessions-ended', sessionHashes: [auth.sessionHash] })
      }
      clearSessionCookie(c)
      return c.json({ ok: true })
    },
    me: async (c) => {
      const auth = c.get('auth')
      return c.json({ user: auth?.user })
    },
    changePassword: async (c) => {
      const auth = c.get('auth')
      if (!auth) throw new ApiError(401, 'unauthenticated', 'Sign in first')
      const body = await readJson(c, passwordBody)
      const hash = await accounts.passwordHash(auth.user.id)
      if (!hash || !(await verifyPassword(body.currentPassword, hash))) {
        throw new ApiError(
          400,
          'invalid_current_password',
          'The current password is wrong',
          'currentPassword',
        )
      }
      await accounts.setPassword(auth.user.id, body.newPassword)
      // Other sessions may belong to whoever learnt the old password.
      const ended = await accounts.deleteOtherSessions(auth.user.id, auth.sessionHash ?? null)
      if (ended.length > 0) events.emit({ type: 'sessions-ended', sessionHashes: ended })
      return c.json({ ok: true })
    },
  }
}
