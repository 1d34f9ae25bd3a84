/**
 * The work done in the background while the user is signed in and the server can be reached:
 *
 * 1. Drop the copy of every workspace the server no longer lists for the user (lost access),
 *    and refresh what the others need offline: tree, codebook, members.
 * 2. Send the pages changed on this device and not open here (a tab closed before the network
 *    came back, a browser restarted), each through a short-lived connection.
 * 3. Send the queued coding, comments and properties, in order (queue.ts).
 * 4. Keep the pinned pages ("garder hors ligne", a page or a subtree) on the device, bodies and
 *    side data, so they open offline even if never visited here.
 */
import { ApiError, api } from '../api/client.ts'
import { pageApi, wikiApi, workspaceApi } from '../api/endpoints.ts'
import type { PageSummary, WorkspaceSummary } from '../api/types.ts'
import { codingApi } from '../coding/codingApi.ts'
import { commentsApi } from '../comments/commentsApi.ts'
import { openConnectionOf, openPageConnection } from '../sync/pageConnection.ts'
import { offlineStore, subscribeStore } from './current.ts'
import { network } from './network.ts'
import { offlineNotices } from './notices.ts'
import { flushQueue, setQueueKick } from './queue.ts'
import { type KeptPage, type OfflineStore, pendingEdits } from './store.ts'

const SEND_TIMEOUT_MS = 20_000

/** Loads everything a page shows beside its body, so that it is kept for offline use. */
export async function keepPageData(page: Pick<PageSummary, 'id' | 'kind'>): Promise<void> {
  const calls: Promise<unknown>[] = [
    codingApi.passages(page.id),
    commentsApi.list(page.id),
    wikiApi.backlinks(page.id),
  ]
  if (page.kind === 'case') calls.push(wikiApi.properties(page.id))
  if (page.kind === 'case' || page.kind === 'synthesis') calls.push(codingApi.caseCodes(page.id))
  await Promise.allSettled(calls)
}

/** Opens a page's connection in the background until the server has its body and our changes. */
async function syncBody(
  store: OfflineStore,
  page: Pick<KeptPage, 'pageId' | 'workspaceId' | 'title' | 'kind'>,
) {
  if (openConnectionOf(page.pageId)) return
  const connection = openPageConnection(page.pageId, store)
  try {
    connection.keepLocally(
      { workspaceId: page.workspaceId, title: page.title, kind: page.kind },
      { opened: false },
    )
    await connection.whenConfirmed(SEND_TIMEOUT_MS)
  } finally {
    // Give y-indexeddb's writes of what the server sent the time to start.
    await new Promise((resolve) => setTimeout(resolve, 50))
    connection.destroy()
  }
}

/** The page is still readable by the user? Removes its copy when the server says no. */
async function stillReadable(store: OfflineStore, pageId: string): Promise<PageSummary | null> {
  try {
    return await pageApi.get(pageId)
  } catch (error) {
    if (error instanceof ApiError && [403, 404].includes(error.status)) await store.purgePage(pageId)
    return null
  }
}

async function reconcileWorkspaces(store: OfflineStore): Promise<WorkspaceSummary[] | null> {
  // The names as the device knew them, before the server's new list replaces them.
  const known = ((await store.cacheGet('/api/workspaces'))?.value ?? []) as WorkspaceSummary[]
  let workspaces: WorkspaceSummary[]
  try {
    workspaces = await api.get<WorkspaceSummary[]>('/api/workspaces', { fresh: true })
  } catch {
    return null
  }
  const listed = new Set(workspaces.map((w) => w.id))
  for (const id of await store.cachedWorkspaceIds()) {
    if (listed.has(id)) continue
    const { pages, actions } = store.getSnapshot()
    const unsent =
      pages.filter((p) => p.workspaceId === id).reduce((sum, p) => sum + pendingEdits(p), 0) +
      actions.filter((a) => a.workspaceId === id).length
    const own = (await store.cacheGet(`/api/workspaces/${encodeURIComponent(id)}`))?.value as
      | WorkspaceSummary
      | undefined
    const name = own?.name ?? known.find((w) => w.id === id)?.name ?? null
    await store.purgeWorkspace(id)
    offlineNotices.add({ kind: 'lostAccess', name, unsent })
  }
  for (const workspace of workspaces) {
    await Promise.allSettled([
      workspaceApi.get(workspace.id),
      pageApi.list(workspace.id),
      codingApi.codebook(workspace.id),
      workspaceApi.members(workspace.id),
    ])
  }
  return workspaces
}

async function sendPending(store: OfflineStore): Promise<void> {
  const waiting = store.getSnapshot().pages.filter((page) => pendingEdits(page) > 0)
  for (const page of waiting) {
    if (!network.isOnline()) return
    const open = openConnectionOf(page.pageId)
    if (open) continue
    if (!(await stillReadable(store, page.pageId))) continue
    await syncBody(store, page)
  }
}

/** The pinned pages and, for a pinned subtree, every page under it (from the kept tree). */
async function pinnedPages(store: OfflineStore): Promise<{ page: PageSummary; by: string | null }[]> {
  const pinned = store.getSnapshot().pages.filter((page) => page.pin)
  const out = new Map<string, { page: PageSummary; by: string | null }>()
  const trees = new Map<string, PageSummary[]>()
  for (const root of pinned) {
    let tree = trees.get(root.workspaceId)
    if (!tree) {
      tree = (await pageApi.list(root.workspaceId).catch(() => ({ pages: [] }))).pages
      trees.set(root.workspaceId, tree)
    }
    const self = tree.find((p) => p.id === root.pageId)
    if (!self) continue
    out.set(self.id, { page: self, by: null })
    if (root.pin !== 'subtree') continue
    const under = [self.id]
    while (under.length > 0) {
      const parent = under.pop()
      for (const child of tree.filter((p) => p.parentId === parent && p.archivedAt === null)) {
        if (!out.has(child.id)) out.set(child.id, { page: child, by: root.pageId })
        under.push(child.id)
      }
    }
  }
  return [...out.values()]
}

async function keepPinned(store: OfflineStore): Promise<void> {
  for (const { page, by } of await pinnedPages(store)) {
    if (!network.isOnline()) return
    const kept = store.page(page.id)
    await store.keepPage(
      { pageId: page.id, workspaceId: page.workspaceId, title: page.title, kind: page.kind },
      by === null ? {} : { pinnedBy: kept?.pin ? null : by },
    )
    if (!(await stillReadable(store, page.id))) continue
    await keepPageData(page)
    await syncBody(store, store.page(page.id) ?? { pageId: page.id, ...page })
  }
}

/** What the engine has to do: when it changes, it runs again. */
function workSignature(store: OfflineStore): string {
  const { pages, actions } = store.getSnapshot()
  return JSON.stringify([
    pages.filter((p) => pendingEdits(p) > 0 && !openConnectionOf(p.pageId)).map((p) => p.pageId),
    pages.filter((p) => p.pin).map((p) => `${p.pageId}:${p.pin}`),
    actions.filter((a) => a.state === 'pending').map((a) => a.seq),
  ])
}

/** Starts the background work for `userId`; returns the function that stops it. */
export function startOfflineEngine(userId: string): () => void {
  let stopped = false
  let running = false
  let again = false
  let full = true
  let lastSignature = ''
  let keptPins = ''
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  const run = async () => {
    if (running) {
      again = true
      return
    }
    running = true
    try {
      do {
        again = false
        const store = offlineStore()
        if (stopped || !store || store.userId !== userId || !network.isOnline()) break
        lastSignature = workSignature(store)
        const fullRun = full
        if (full) {
          full = false
          if ((await reconcileWorkspaces(store)) === null) full = true
        }
        await sendPending(store)
        const queue = await flushQueue(store)
        // Pinned pages are refreshed on each (re)connection and when the pins change.
        const pins = JSON.stringify(
          store
            .getSnapshot()
            .pages.filter((p) => p.pin)
            .map((p) => [p.pageId, p.pin]),
        )
        if (fullRun || pins !== keptPins) {
          keptPins = pins
          await keepPinned(store)
        }
        clearTimeout(retryTimer)
        // Something must wait (server error, text not there yet): try again a little later.
        if (queue === 'waiting' && !stopped) retryTimer = setTimeout(() => void run(), 5_000)
      } while (again && !stopped)
    } finally {
      running = false
    }
  }

  const stopNetwork = network.subscribe(() => {
    if (!network.isOnline()) return
    full = true
    void run()
  })
  let storeTimer: ReturnType<typeof setTimeout> | undefined
  const onStore = () => {
    clearTimeout(storeTimer)
    storeTimer = setTimeout(() => {
      const store = offlineStore()
      if (store && workSignature(store) !== lastSignature) void run()
    }, 300)
  }
  let unsubscribeStore = offlineStore()?.subscribe(onStore) ?? (() => {})
  // The store opens a moment after the session knows the user (sign-in).
  const stopActive = subscribeStore(() => {
    unsubscribeStore()
    unsubscribeStore = offlineStore()?.subscribe(onStore) ?? (() => {})
    full = true
    void run()
  })
  setQueueKick(() => void run())
  void run()

  return () => {
    stopped = true
    stopNetwork()
    stopActive()
    unsubscribeStore()
    unsubscribeStore = () => {}
    clearTimeout(storeTimer)
    clearTimeout(retryTimer)
    setQueueKick(null)
  }
}
