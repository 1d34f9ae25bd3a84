/**
 * What one signed-in user keeps on this device, in their own IndexedDB catalogue
 * (`tisserand/<userId>/catalogue`, see idb.ts):
 *
 * - `pages`: every page opened for editing or pinned ("garder hors ligne"), with how many local
 *   modifications the server has not confirmed yet. The bodies themselves are y-indexeddb
 *   databases of their own, one per page (`tisserand/<userId>/<workspaceId>/<pageId>`).
 * - `api`: the last answer of each API read the app made (tree, codebook, page details…), so the
 *   app opens and shows them without a network.
 * - `queue`: coding, comments and properties made offline, sent in order on reconnect; those the
 *   server refused stay here, with their passage, until the user dismisses them.
 *
 * Only the store of the user the session knows is ever opened, so one user never sees another's
 * copy; sign-out and lost access remove it (see purge* below).
 */
import {
  catalogueName,
  deleteDatabase,
  deleteDatabasesWithPrefix,
  done,
  openDatabase,
  pageDocName,
  removeStoredWithPrefix,
  request,
  rescueKey,
  userPrefix,
} from './idb.ts'

export type PinMode = 'page' | 'subtree'

export interface KeptPage {
  pageId: string
  workspaceId: string
  title: string
  kind: string
  /** Last opened on this device (recent pages are kept, the oldest beyond the limit dropped). */
  openedAt: number
  /** "Garder hors ligne": this page, or this page and its sub-pages. */
  pin: PinMode | null
  /** Pinned as part of a pinned page's subtree. */
  pinnedBy: string | null
  /** Local modifications made on this device, and how many of them the server has confirmed. */
  edits: number
  confirmed: number
  /** When the server last confirmed every local modification of the page. */
  syncedAt: number | null
  /** The body is on the device (opened at least once with a local copy). */
  hasBody: boolean
}

export function pendingEdits(page: KeptPage): number {
  return Math.max(0, page.edits - page.confirmed)
}

export type ActionKind =
  | 'coding.create'
  | 'coding.change'
  | 'coding.remove'
  | 'caseCode.add'
  | 'caseCode.remove'
  | 'comment.create'
  | 'comment.reply'
  | 'comment.edit'
  | 'comment.remove'
  | 'comment.status'
  | 'properties.update'

export interface ActionError {
  status: number
  code: string
  message: string
}

export interface QueuedAction {
  /** Order of creation (the store's key): actions are sent in this order. */
  seq?: number
  /** Stable id, also the temporary id of what it creates (a thread, a coding) until sent. */
  id: string
  kind: ActionKind
  workspaceId: string
  pageId: string
  pageTitle: string
  /** What the call sends; the passage (`quote`) is kept with codings and threads. */
  payload: Record<string, unknown>
  createdAt: number
  state: 'pending' | 'refused'
  error: ActionError | null
}

interface ApiEntry {
  path: string
  workspaceId: string | null
  pageId: string | null
  value: unknown
  storedAt: number
}

/** Recent pages kept beyond the pinned ones; older ones (with nothing unsent) are dropped. */
export const RECENT_PAGES = 30

export interface OfflineSnapshot {
  pages: readonly KeptPage[]
  actions: readonly QueuedAction[]
}

const STORES = ['pages', 'api', 'queue'] as const

export class OfflineStore {
  private pages = new Map<string, KeptPage>()
  private actions: QueuedAction[] = []
  private snapshot: OfflineSnapshot = { pages: [], actions: [] }
  private readonly listeners = new Set<() => void>()
  private readonly purgeListeners = new Set<(pageIds: string[]) => void>()
  private readonly channel: BroadcastChannel | null
  private closed = false

  private constructor(
    readonly userId: string,
    private db: IDBDatabase,
  ) {
    this.channel =
      typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(catalogueName(userId))
    // Another tab of the same user changed the catalogue: read it again.
    if (this.channel) this.channel.onmessage = () => void this.reload()
  }

  static async open(userId: string): Promise<OfflineStore> {
    const db = await openDatabase(catalogueName(userId), 1, (db) => {
      db.createObjectStore('pages', { keyPath: 'pageId' })
      const api = db.createObjectStore('api', { keyPath: 'path' })
      api.createIndex('workspaceId', 'workspaceId')
      api.createIndex('pageId', 'pageId')
      db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true })
    })
    const store = new OfflineStore(userId, db)
    await store.reload()
    return store
  }

  private async reload(): Promise<void> {
    if (this.closed) return
    try {
      const tx = this.db.transaction(['pages', 'queue'], 'readonly')
      const [pages, actions] = await Promise.all([
        request(tx.objectStore('pages').getAll() as IDBRequest<KeptPage[]>),
        request(tx.objectStore('queue').getAll() as IDBRequest<QueuedAction[]>),
      ])
      this.pages = new Map(pages.map((page) => [page.pageId, page]))
      this.actions = actions.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
      this.publish(false)
    } catch {
      // The database went away (sign-out in another tab): nothing left to show.
    }
  }

  private publish(broadcast = true): void {
    this.snapshot = {
      pages: [...this.pages.values()].sort((a, b) => b.openedAt - a.openedAt),
      actions: [...this.actions],
    }
    for (const listener of [...this.listeners]) listener()
    if (broadcast) this.channel?.postMessage('changed')
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): OfflineSnapshot => this.snapshot

  /** Told which pages' copies were removed (lost access, sign-out elsewhere). */
  onPurged(listener: (pageIds: string[]) => void): () => void {
    this.purgeListeners.add(listener)
    return () => this.purgeListeners.delete(listener)
  }

  private async write(
    storeName: (typeof STORES)[number],
    run: (store: IDBObjectStore) => void,
  ): Promise<void> {
    if (this.closed) return
    try {
      const tx = this.db.transaction(storeName, 'readwrite')
      run(tx.objectStore(storeName))
      await done(tx)
    } catch {
      // Closed by a sign-out elsewhere: the memory copy is all there is until the reload.
    }
  }

  // ── pages ──────────────────────────────────────────────────────────────────────────────────

  page(pageId: string): KeptPage | undefined {
    return this.pages.get(pageId)
  }

  docName(page: Pick<KeptPage, 'workspaceId' | 'pageId'>): string {
    return pageDocName(this.userId, page.workspaceId, page.pageId)
  }

  /** Notes a page as opened now (or refreshed in the background, which keeps its place). */
  async keepPage(
    info: { pageId: string; workspaceId: string; title: string; kind: string },
    options: { opened?: boolean; hasBody?: boolean; pinnedBy?: string | null } = {},
  ): Promise<KeptPage> {
    const previous = this.pages.get(info.pageId)
    const page: KeptPage = {
      pin: null,
      pinnedBy: null,
      edits: 0,
      confirmed: 0,
      syncedAt: null,
      hasBody: false,
      openedAt: 0,
      ...previous,
      ...info,
    }
    if (options.opened) page.openedAt = Date.now()
    if (options.hasBody) page.hasBody = true
    if (options.pinnedBy !== undefined) page.pinnedBy = options.pinnedBy
    this.pages.set(page.pageId, page)
    this.publish()
    await this.write('pages', (store) => store.put(page))
    if (options.opened) void this.evictOldPages()
    return page
  }

  async updatePage(pageId: string, patch: Partial<KeptPage>): Promise<void> {
    const previous = this.pages.get(pageId)
    if (!previous) return
    const page = { ...previous, ...patch }
    this.pages.set(pageId, page)
    this.publish()
    await this.write('pages', (store) => store.put(page))
  }

  /** A new local modification of the page (a burst of typing counts once). */
  noteEdit(pageId: string): Promise<void> {
    const page = this.pages.get(pageId)
    if (!page) return Promise.resolve()
    return this.updatePage(pageId, { edits: page.edits + 1 })
  }

  /** The server confirmed the first `edits` modifications. */
  noteConfirmed(pageId: string, edits: number): Promise<void> {
    const page = this.pages.get(pageId)
    if (!page || edits <= page.confirmed) return Promise.resolve()
    const confirmed = Math.min(edits, page.edits)
    return this.updatePage(pageId, {
      confirmed,
      syncedAt: confirmed >= page.edits ? Date.now() : page.syncedAt,
    })
  }

  async setPin(pageId: string, pin: PinMode | null): Promise<void> {
    await this.updatePage(pageId, { pin })
    // Pages pinned through this one's subtree lose that pin when it ends (or becomes page-only).
    if (pin !== 'subtree') {
      for (const page of this.pages.values())
        if (page.pinnedBy === pageId) await this.updatePage(page.pageId, { pinnedBy: null })
    }
  }

  /** Drops recent pages beyond RECENT_PAGES, never a pinned one nor one with unsent changes. */
  private async evictOldPages(): Promise<void> {
    const droppable = [...this.pages.values()]
      .filter((page) => !page.pin && !page.pinnedBy && pendingEdits(page) === 0)
      .filter((page) => !this.actions.some((action) => action.pageId === page.pageId))
      .sort((a, b) => b.openedAt - a.openedAt)
      .slice(RECENT_PAGES)
    for (const page of droppable) await this.purgePage(page.pageId)
  }

  // ── API answers ────────────────────────────────────────────────────────────────────────────

  async cachePut(path: string, value: unknown, scope: { workspaceId: string | null; pageId: string | null }) {
    const entry: ApiEntry = { path, ...scope, value, storedAt: Date.now() }
    await this.write('api', (store) => store.put(entry))
  }

  async cacheGet(path: string): Promise<{ value: unknown; storedAt: number } | undefined> {
    if (this.closed) return undefined
    try {
      const tx = this.db.transaction('api', 'readonly')
      const entry = await request(tx.objectStore('api').get(path) as IDBRequest<ApiEntry | undefined>)
      return entry ? { value: entry.value, storedAt: entry.storedAt } : undefined
    } catch {
      return undefined
    }
  }

  // ── queued actions ─────────────────────────────────────────────────────────────────────────

  async addAction(action: Omit<QueuedAction, 'seq'>): Promise<QueuedAction> {
    const stored: QueuedAction = { ...action }
    if (this.closed) return stored
    const tx = this.db.transaction('queue', 'readwrite')
    const seq = await request(tx.objectStore('queue').add(stored))
    await done(tx)
    stored.seq = Number(seq)
    this.actions.push(stored)
    this.publish()
    return stored
  }

  async updateAction(action: QueuedAction): Promise<void> {
    this.actions = this.actions.map((each) => (each.seq === action.seq ? action : each))
    this.publish()
    await this.write('queue', (store) => store.put(action))
  }

  async removeAction(seq: number | undefined): Promise<void> {
    if (seq === undefined) return
    this.actions = this.actions.filter((each) => each.seq !== seq)
    this.publish()
    await this.write('queue', (store) => store.delete(seq))
  }

  // ── removal ────────────────────────────────────────────────────────────────────────────────

  /** Removes one page's copy: body, API answers, queued actions. */
  async purgePage(pageId: string): Promise<void> {
    const page = this.pages.get(pageId)
    this.pages.delete(pageId)
    const dropped = this.actions.filter((action) => action.pageId === pageId)
    this.actions = this.actions.filter((action) => action.pageId !== pageId)
    this.publish()
    await this.write('pages', (store) => store.delete(pageId))
    await this.write('queue', (store) => {
      for (const action of dropped) if (action.seq !== undefined) store.delete(action.seq)
    })
    await this.deleteApiEntries('pageId', pageId)
    if (page) {
      removeStoredWithPrefix(rescueKey(this.docName(page)))
      await deleteDatabase(this.docName(page))
    }
    for (const listener of [...this.purgeListeners]) listener([pageId])
  }

  /** Removes everything of one workspace (the user lost access to it). */
  async purgeWorkspace(workspaceId: string): Promise<void> {
    for (const page of [...this.pages.values()])
      if (page.workspaceId === workspaceId) await this.purgePage(page.pageId)
    const dropped = this.actions.filter((action) => action.workspaceId === workspaceId)
    for (const action of dropped) await this.removeAction(action.seq)
    await this.deleteApiEntries('workspaceId', workspaceId)
    await deleteDatabasesWithPrefix(`${userPrefix(this.userId)}${workspaceId}/`)
  }

  private async deleteApiEntries(index: 'pageId' | 'workspaceId', value: string): Promise<void> {
    await this.write('api', (store) => {
      const cursor = store.index(index).openKeyCursor(IDBKeyRange.only(value))
      cursor.onsuccess = () => {
        const at = cursor.result
        if (!at) return
        store.delete(at.primaryKey)
        at.continue()
      }
    })
  }

  /** The workspaces this device keeps something of. */
  workspaceIds(): Set<string> {
    return new Set([...this.pages.values()].map((page) => page.workspaceId))
  }

  async cachedWorkspaceIds(): Promise<Set<string>> {
    const ids = this.workspaceIds()
    if (this.closed) return ids
    try {
      const tx = this.db.transaction('api', 'readonly')
      const keys = await request(tx.objectStore('api').index('workspaceId').getAllKeys())
      const entries = await Promise.all(
        keys.map((key) => request(tx.objectStore('api').get(key) as IDBRequest<ApiEntry | undefined>)),
      )
      for (const entry of entries) if (entry?.workspaceId) ids.add(entry.workspaceId)
    } catch {
      // Nothing to add.
    }
    return ids
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.channel?.close()
    this.db.close()
    this.listeners.clear()
  }
}

/** Removes every database of `userId` in this browser. */
export async function purgeUser(userId: string): Promise<void> {
  await deleteDatabasesWithPrefix(userPrefix(userId))
}
