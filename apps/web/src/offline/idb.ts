/**
 * A few promise helpers over IndexedDB, and the names of every database Tisserand keeps on the
 * device. Every database of a user starts with `tisserand/<userId>/`, so that one prefix finds
 * (and removes) everything that user left in this browser; nothing of a user lives elsewhere.
 */

export const DB_PREFIX = 'tisserand/'

/** The catalogue of one user: pages kept, API answers, queued actions (offline/store.ts). */
export function catalogueName(userId: string): string {
  return `${DB_PREFIX}${userId}/catalogue`
}

/** One page's Yjs document, kept by y-indexeddb, per user and workspace. */
export function pageDocName(userId: string, workspaceId: string, pageId: string): string {
  return `${DB_PREFIX}${userId}/${workspaceId}/${pageId}`
}

export function userPrefix(userId: string): string {
  return `${DB_PREFIX}${userId}/`
}

/** The localStorage entry holding a page's last updates while the page closes (sync/localCopy.ts). */
export function rescueKey(docName: string): string {
  return `${docName}#rescue`
}

/** Removes the localStorage entries of Tisserand's databases whose names start with `prefix`. */
export function removeStoredWithPrefix(prefix: string): void {
  try {
    const keys: string[] = []
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)
      if (key?.startsWith(prefix)) keys.push(key)
    }
    for (const key of keys) localStorage.removeItem(key)
  } catch {
    // No storage: nothing was kept there either.
  }
}

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
  })
}

export function openDatabase(
  name: string,
  version: number,
  upgrade: (db: IDBDatabase) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version)
    req.onupgradeneeded = () => upgrade(req.result)
    req.onsuccess = () => {
      const db = req.result
      // Another tab removes this user's copy (sign-out): let it.
      db.onversionchange = () => db.close()
      resolve(db)
    }
    req.onerror = () => reject(req.error)
    req.onblocked = () => reject(new Error(`IndexedDB ${name} is blocked by another tab`))
  })
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name)
    req.onsuccess = () => resolve()
    req.onerror = () => resolve()
    // Open connections get `versionchange` and close; the deletion then goes through.
    req.onblocked = () => undefined
  })
}

/** The names of every Tisserand database in this browser. */
export async function tisserandDatabases(): Promise<string[]> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return []
  const all = await indexedDB.databases()
  return all.flatMap((db) => (db.name?.startsWith(DB_PREFIX) ? [db.name] : []))
}

/** Removes every database whose name starts with `prefix`. */
export async function deleteDatabasesWithPrefix(prefix: string): Promise<void> {
  removeStoredWithPrefix(prefix)
  const names = (await tisserandDatabases()).filter((name) => name.startsWith(prefix))
  await Promise.all(names.map(deleteDatabase))
}

/** The user ids that have something kept in this browser. */
export async function usersWithCopies(): Promise<string[]> {
  const ids = new Set<string>()
  for (const name of await tisserandDatabases()) {
    const id = name.slice(DB_PREFIX.length).split('/')[0]
    if (id) ids.add(id)
  }
  return [...ids]
}
