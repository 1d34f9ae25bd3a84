/**
 * Who is signed in, whether the instance still needs its first account, and the signed-in user's
 * workspaces (for the switcher and the start redirect). Loaded once on start.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { ApiError, onUnauthenticated } from '../api/client.ts'
import { accountApi, workspaceApi } from '../api/endpoints.ts'
import type { User, WorkspaceSummary } from '../api/types.ts'

export type SessionState =
  | { status: 'loading' }
  | { status: 'failed' }
  | { status: 'ready'; user: User | null; setupNeeded: boolean }

export interface Session {
  state: SessionState
  /** null until loaded (or when signed out). */
  workspaces: WorkspaceSummary[] | null
  /** The workspace the user last looked at: the switcher shows it. */
  currentWorkspaceId: string | null
  setCurrentWorkspaceId: (id: string | null) => void
  signedIn: (user: User) => void
  /** Ends the session and reloads the app on /login. */
  signOut: () => Promise<void>
  reloadWorkspaces: () => Promise<void>
  retry: () => void
}

const SessionContext = createContext<Session | null>(null)

async function loadSession(): Promise<SessionState> {
  const setup = await accountApi.setupStatus()
  try {
    const { user } = await accountApi.me()
    return { status: 'ready', user, setupNeeded: setup.needed }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401)
      return { status: 'ready', user: null, setupNeeded: setup.needed }
    throw error
  }
}

// The last workspace opened in this browser: `/` and the switcher come back to it after a reload.
const lastWorkspaceKey = 'tisserand.lastWorkspace'

function readLastWorkspace(): string | null {
  try {
    return localStorage.getItem(lastWorkspaceKey)
  } catch {
    return null
  }
}

function rememberLastWorkspace(id: string | null): void {
  try {
    if (id) localStorage.setItem(lastWorkspaceKey, id)
    else localStorage.removeItem(lastWorkspaceKey)
  } catch {
    // Storage unavailable: the choice lasts for this tab.
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [workspaces, setWorkspaces] = useState<WorkspaceSummary[] | null>(null)
  const [currentWorkspaceId, setCurrentWorkspaceId] = useState<string | null>(readLastWorkspace)
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt re-runs the first load on retry
  useEffect(() => {
    let current = true
    loadSession().then(
      (next) => current && setState(next),
      () => current && setState({ status: 'failed' }),
    )
    return () => {
      current = false
    }
  }, [attempt])

  const userId = state.status === 'ready' ? (state.user?.id ?? null) : null

  useEffect(() => rememberLastWorkspace(currentWorkspaceId), [currentWorkspaceId])

  const reloadWorkspaces = useCallback(async () => {
    setWorkspaces(await workspaceApi.list())
  }, [])

  useEffect(() => {
    if (userId === null) {
      setWorkspaces(null)
      return
    }
    reloadWorkspaces().catch(() => setWorkspaces([]))
  }, [userId, reloadWorkspaces])

  // A 401 anywhere means the session is gone: show the login page instead of broken screens.
  useEffect(
    () =>
      onUnauthenticated(() =>
        setState((previous) =>
          previous.status === 'ready' && previous.user ? { ...previous, user: null } : previous,
        ),
      ),
    [],
  )

  const session = useMemo<Session>(
    () => ({
      state,
      workspaces,
      currentWorkspaceId,
      setCurrentWorkspaceId,
      signedIn: (user) => setState({ status: 'ready', user, setupNeeded: false }),
      // A full load of /login: nothing of the previous user (documents, lists) stays in memory.
      signOut: async () => {
        try {
          await accountApi.logout()
        } finally {
          window.location.replace('/login')
        }
      },
      reloadWorkspaces,
      retry: () => {
        setState({ status: 'loading' })
        setAttempt((n) => n + 1)
      },
    }),
    [state, workspaces, currentWorkspaceId, reloadWorkspaces],
  )

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession must be used inside <SessionProvider>')
  return session
}

/** The signed-in user; only for screens under <RequireUser>. */
export function useUser(): User {
  const { state } = useSession()
  if (state.status !== 'ready' || !state.user) throw new Error('useUser needs a signed-in user')
  return state.user
}
