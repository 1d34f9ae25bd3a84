/**
 * Who is signed in, whether the instance still needs its first account, and the signed-in user's
 * workspaces (for the switcher and the start redirect). Loaded once on start.
 *
 * Without a network, the app opens for the user last signed in on this browser, from their copy
 * on the device (`offline: true`); the server is asked again as soon as it can be reached, and its
 * answer wins (a session that ended there shows the sign-in page, and the copy is not opened).
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { ApiError, onUnauthenticated } from '../api/client.ts'
import { accountApi, workspaceApi } from '../api/endpoints.ts'
import type { User, WorkspaceSummary } from '../api/types.ts'
import {
  activateUser,
  forgetIdentity,
  logoutPending,
  rememberedIdentity,
  removeUserCopy,
  setLogoutPending,
} from '../offline/current.ts'
import { startOfflineEngine } from '../offline/engine.ts'
import { network } from '../offline/network.ts'

export type SessionState =
  | { status: 'loading' }
  | { status: 'failed' }
  | {
      status: 'ready'
      user: User | null
      setupNeeded: boolean
      /** Opened from this device's copy: the server has not confirmed the session yet. */
      offline?: boolean
    }

export interface Session {
  state: SessionState
  /** null until loaded (or when signed out). */
  workspaces: WorkspaceSummary[] | null
  /** The workspace the user last looked at: the switcher shows it. */
  currentWorkspaceId: string | null
  setCurrentWorkspaceId: (id: string | null) => void
  signedIn: (user: User) => void
  /**
   * Ends the session, removes this user's copy from the device and reloads the app on /login.
   * Callers check first for changes not yet sent (layout/SignOutDialog.tsx).
   */
  signOut: () => Promise<void>
  reloadWorkspaces: () => Promise<void>
  retry: () => void
}

const SessionContext = createContext<Session | null>(null)

const isNetworkError = (error: unknown) => error instanceof ApiError && error.status === 0

async function loadSession(): Promise<SessionState> {
  // Signed out without a network last time: end that session on the server first.
  if (logoutPending()) {
    try {
      await accountApi.logout()
      setLogoutPending(false)
    } catch (error) {
      if (!isNetworkError(error)) setLogoutPending(false)
    }
  }
  let setup: { needed: boolean }
  try {
    setup = await accountApi.setupStatus()
  } catch (error) {
    const identity = logoutPending() ? null : rememberedIdentity()
    if (isNetworkError(error) && identity) {
      await activateUser(identity, false)
      return { status: 'ready', user: identity, setupNeeded: false, offline: true }
    }
    throw error
  }
  try {
    const { user } = await accountApi.me()
    await activateUser(user, true)
    return { status: 'ready', user, setupNeeded: setup.needed }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetIdentity()
      return { status: 'ready', user: null, setupNeeded: setup.needed }
    }
    throw error
  }
}

const sessionChannel =
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('tisserand.session')

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
  const offline = state.status === 'ready' && state.offline === true

  // Opened offline: ask the server again when the network is back (and every 20 s meanwhile,
  // since a server that comes back sends no event). Its answer replaces the device's.
  useEffect(() => {
    if (!offline) return
    let current = true
    const verify = () => {
      if (!network.isOnline() && typeof navigator !== 'undefined' && navigator.onLine === false) return
      loadSession().then(
        (next) => {
          if (current && !(next.status === 'ready' && next.offline)) setState(next)
        },
        () => undefined,
      )
    }
    const stop = network.subscribe(() => network.isOnline() && verify())
    const timer = setInterval(verify, 20_000)
    return () => {
      current = false
      stop()
      clearInterval(timer)
    }
  }, [offline])

  // Once the server knows the user: send what waits, refresh what is kept, drop lost workspaces.
  useEffect(() => {
    if (!userId || offline) return
    return startOfflineEngine(userId)
  }, [userId, offline])

  // Signed out in another tab: nothing of that user stays on screen here either.
  useEffect(() => {
    if (!sessionChannel) return
    const onMessage = (event: MessageEvent<{ type?: string; userId?: string }>) => {
      if (event.data?.type === 'signed-out' && event.data.userId === userId) window.location.replace('/login')
    }
    sessionChannel.addEventListener('message', onMessage)
    return () => sessionChannel.removeEventListener('message', onMessage)
  }, [userId])

  useEffect(() => rememberLastWorkspace(currentWorkspaceId), [currentWorkspaceId])

  const reloadWorkspaces = useCallback(async () => {
    setWorkspaces(await workspaceApi.list())
  }, [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: offline → verified loads the server's list
  useEffect(() => {
    if (userId === null) {
      setWorkspaces(null)
      return
    }
    reloadWorkspaces().catch(() => setWorkspaces([]))
  }, [userId, offline, reloadWorkspaces])

  // Back online: the server's list (a workspace may have been left or lost meanwhile).
  useEffect(() => {
    if (userId === null) return
    const reload = () => void reloadWorkspaces().catch(() => undefined)
    window.addEventListener('online', reload)
    return () => window.removeEventListener('online', reload)
  }, [userId, reloadWorkspaces])

  // A 401 anywhere means the session is gone: show the login page instead of broken screens.
  // The device's copy is kept for its owner, but no longer opened without the server.
  useEffect(
    () =>
      onUnauthenticated(() => {
        forgetIdentity()
        setState((previous) =>
          previous.status === 'ready' && previous.user ? { ...previous, user: null } : previous,
        )
      }),
    [],
  )

  const session = useMemo<Session>(
    () => ({
      state,
      workspaces,
      currentWorkspaceId,
      setCurrentWorkspaceId,
      signedIn: (user) => {
        setState({ status: 'ready', user, setupNeeded: false })
        void activateUser(user, true)
      },
      // A full load of /login: nothing of the previous user (documents, lists) stays in memory,
      // and their copy leaves the device. Without a network the server's session is ended on
      // the next start (before anything else is asked).
      signOut: async () => {
        const user = state.status === 'ready' ? state.user : null
        try {
          if (user) {
            sessionChannel?.postMessage({ type: 'signed-out', userId: user.id })
            await removeUserCopy(user.id)
          }
          try {
            await accountApi.logout()
            setLogoutPending(false)
          } catch (error) {
            if (isNetworkError(error)) setLogoutPending(true)
          }
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
