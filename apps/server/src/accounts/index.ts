/** The accounts feature: users, sessions, API tokens, passwords, sign-in limits, and who is calling. */
export { Accounts, SYSTEM_USER_ID } from './accounts.ts'
export { authenticate } from './authenticate.ts'
export { RateLimiter } from './rate-limit.ts'
export { bearerToken, identify, isSameOrigin, readCookie, SESSION_COOKIE } from './request-auth.ts'
export {
  ACCOUNT_ROUTES,
  type AccountRouteDeps,
  accountHandlers,
  email,
  password,
  personName,
} from './routes.ts'
export { setSessionCookie } from './session-cookie.ts'
export { TOKEN_ROUTES, tokenHandlers } from './token-routes.ts'
