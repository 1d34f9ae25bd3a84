/**
 * The offline copy of the user the session knows, and the little that lets the app open without
 * a network: who was signed in last in this browser (localStorage), removed at sign-out and when
 * the server says the session ended. Only that user's store is ever opened.
 */
import type { User } from '../api/types.ts'
import { usersWithCopies } from './idb.ts'
import { OfflineStore, pendingEdits, purgeUser } from './store.ts'

const identityKey = 'tisserand.offline.identity'
/** Set when signing out without a network: the server's session is ended on the next start. */
const logoutPendingKey = 'tisserand.offline.logoutPending'

let active: OfflineStore | null = null
const listeners = new Set<() => void>()

function emit(): void {
  for (const listener of [...listeners]) listener()
}

export function offlineStore(): OfflineStore | null {
  return active
}

export function subscribeStore(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function rememberedIdentity(): User | null {
  try {
    const raw = localStorage.getItem(identityKey)
    if (!raw) return null
    const user = JSON.parse(raw) as Partial<User>
    return typeof user.id === 'string' && typeof user.name === 'string' ? (user as User) : null
  } catch {
    return null
  }
}

function rememberIdentity(user: User | null): void {
  try {
    if (user) localStorage.setItem(identityKey, JSON.stringify(user))
    else localStorage.removeItem(identityKey)
  } catch {
    // No storage: the app simply cannot open offline.
  }
}

export function logoutPending(): boolean {
  try {
    return localStorage.getItem(logoutPendingKey) === '1'
  } catch {
    return false
  }
}

export function setLogoutPending(pending: boolean): void {
  try {
    if (pending) localStorage.setItem(logoutPendingKey, '1')
    else localStorage.removeItem(logoutPendingKey)
  } catch {
    // Nothing to remember with.
  }
}

/**
 * Opens `user`'s store. `verified` when the server just said who is signed in: the identity is
 * remembered for opening offline, and copies other users left in this browser are removed unless
 * they hold changes not yet sent (those stay, unreadable by anyone but their owner, until that
 * person signs in again).
 */
export async function activateUser(user: User, verified: boolean): Promise<OfflineStore | null> {
  if (active?.userId === user.id) {
    if (verified) rememberIdentity(user)
    return active
  }
  deactivate()
  if (verified) {
    rememberIdentity(user)
    await removeOtherUsersCopies(user.id)
    // Ask the browser not to evict the copy under storage pressure (granted silently or not at all).
    void navigator.storage?.persist?.().catch(() => false)
  }
  try {
    active = await OfflineStore.open(user.id)
  } catch {
    active = null
  }
  emit()
  return active
}

async function removeOtherUsersCopies(userId: string): Promise<void> {
  for (const other of await usersWithCopies()) {
    if (other === userId) continue
    let keep = false
    try {
      const store = await OfflineStore.open(other)
      const { pages, actions } = store.getSnapshot()
      keep = pages.some((page) => pendingEdits(page) > 0) || actions.some((a) => a.state === 'pending')
      store.close()
    } catch {
      keep = false
    }
    if (!keep) await purgeUser(other)
  }
}

export function deactivate(): void {
  if (!active) return
  active.close()
  active = null
  emit()
}

/** The session ended on the server: the copy is kept for its owner, but not opened again offline. */
export function forgetIdentity(): void {
  rememberIdentity(null)
  deactivate()
}

/** Sign-out: everything of `userId` leaves this browser. */
export async function removeUserCopy(userId: string): Promise<void> {
  deactivate()
  rememberIdentity(null)
  await purgeUser(userId)
}
