/**
 * Who may open a page's collaboration socket and whether their updates are kept, decided from
 * the same policy table as the HTTP routes. Browsers authenticate with the session cookie (and
 * must come from our origin); scripts with `?token=`.
 */
import type http from 'node:http'
import { type Action, can, SOCKET_ACTIONS } from '../access/policy.ts'
import {
  type Accounts,
  bearerToken,
  identify,
  isSameOrigin,
  readCookie,
  SESSION_COOKIE,
} from '../accounts/index.ts'
import type { AuthorizeUpgrade } from '../sync/sync-server.ts'
import type { Workspaces } from '../workspaces/index.ts'
import type { Pages } from './pages.ts'

/** The action that lets a socket write: the case-sheet template is a page only owners may write to. */
export function socketWriteAction(pageKind: string): Action {
  return pageKind === 'template' ? 'template.edit' : SOCKET_ACTIONS.write
}

export function syncAccess(deps: {
  accounts: Accounts
  workspaces: Workspaces
  pages: Pages
  allowedOrigins: string[]
}): AuthorizeUpgrade {
  return async (req: http.IncomingMessage, docName: string, url: URL) => {
    const bearer = url.searchParams.get('token') ?? bearerToken(req.headers.authorization)
    const cookie = bearer ? null : readCookie(req.headers.cookie, SESSION_COOKIE)
    if (cookie && !isSameOrigin(req.headers.origin, req.headers.host, deps.allowedOrigins)) {
      return { ok: false, status: 403, code: 'csrf', message: 'Cross-site WebSocket refused' }
    }
    const identity = await identify(deps.accounts, { bearer, cookie })
    if (!identity)
      return { ok: false, status: 401, code: 'unauthenticated', message: 'Sign in or pass ?token=' }
    const page = await deps.pages.get(docName)
    if (!page) return { ok: false, status: 404, code: 'page_not_found', message: 'No such page' }
    const role = await deps.workspaces.roleOf(page.workspaceId, identity.user.id)
    if (!can(role, SOCKET_ACTIONS.connect)) {
      return {
        ok: false,
        status: 403,
        code: 'not_a_member',
        message: 'You are not a member of this workspace',
      }
    }
    return {
      ok: true,
      principal: {
        userId: identity.user.id,
        name: identity.user.name,
        workspaceId: page.workspaceId,
        sessionHash: identity.sessionHash,
        tokenId: identity.tokenId,
        writeAction: socketWriteAction(page.kind),
      },
      access: can(role, socketWriteAction(page.kind)) ? 'read-write' : 'read-only',
    }
  }
}
