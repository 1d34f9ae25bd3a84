/**
 * Who is making a request, from an `Authorization: Bearer` token, a `?token=` (WebSocket only) or
 * the session cookie; and whether a cookie-borne request comes from our own origin (CSRF).
 */
import type { Accounts, User } from './accounts.ts'

export const SESSION_COOKIE = 'tisserand_session'

export interface RequestIdentity {
  user: User
  via: 'session' | 'token'
  sessionHash?: string
  tokenId?: string
}

export function readCookie(header: string | undefined | null, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return null
}

export function bearerToken(header: string | undefined | null): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i)
  return match?.[1] ?? null
}

export async function identify(
  accounts: Accounts,
  credentials: { bearer: string | null; cookie: string | null },
): Promise<RequestIdentity | null> {
  if (credentials.bearer) {
    const found = await accounts.resolveToken(credentials.bearer)
    return found ? { user: found.user, via: 'token', tokenId: found.tokenId } : null
  }
  if (credentials.cookie) {
    const found = await accounts.resolveSession(credentials.cookie)
    return found ? { user: found.user, via: 'session', sessionHash: found.idHash } : null
  }
  return null
}

/**
 * A request carrying our cookie must come from a page we served: its Origin must be this host
 * (or one listed in PUBLIC_ORIGINS). Browsers always send Origin on cross-site unsafe requests
 * and WebSocket upgrades.
 */
export function isSameOrigin(
  origin: string | undefined | null,
  host: string | undefined | null,
  allowed: string[],
): boolean {
  if (!origin) return false
  if (allowed.includes(origin)) return true
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}
