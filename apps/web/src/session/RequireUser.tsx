import { Navigate, Outlet, useLocation } from 'react-router'
import { useSession } from './SessionContext.tsx'

/** Screens behind sign-in: a signed-out visitor goes to /setup (no account yet) or /login. */
export function RequireUser() {
  const { state } = useSession()
  const location = useLocation()
  if (state.status !== 'ready') return null
  if (state.setupNeeded) return <Navigate to="/setup" replace />
  if (!state.user) {
    const next = `${location.pathname}${location.search}`
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />
  }
  return <Outlet />
}

/** Where to go after signing in: the `next` parameter when it is a path of this app, else home. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next')
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/'
}
