/** React hooks over the offline copy: the store, its pages and actions, the network. */
import { useSyncExternalStore } from 'react'
import { offlineStore, subscribeStore } from './current.ts'
import { network } from './network.ts'
import type { OfflineSnapshot } from './store.ts'
import { pendingEdits } from './store.ts'

const empty: OfflineSnapshot = { pages: [], actions: [] }
const noSubscription = () => () => {}

export function useOfflineStore() {
  return useSyncExternalStore(subscribeStore, offlineStore)
}

export function useOfflineSnapshot(): OfflineSnapshot {
  const store = useOfflineStore()
  return useSyncExternalStore(store?.subscribe ?? noSubscription, store?.getSnapshot ?? (() => empty))
}

export function useOnline(): boolean {
  return useSyncExternalStore(network.subscribe, network.isOnline)
}

/** What is on this device and not on the server yet. */
export function useUnsent() {
  const { pages, actions } = useOfflineSnapshot()
  const pagesWithEdits = pages.filter((page) => pendingEdits(page) > 0)
  return {
    pages: pagesWithEdits,
    edits: pagesWithEdits.reduce((sum, page) => sum + pendingEdits(page), 0),
    pendingActions: actions.filter((action) => action.state === 'pending'),
    refusedActions: actions.filter((action) => action.state === 'refused'),
  }
}

/** Offline, whether a page can open from this device (its body is kept); null while online. */
export function useKeptHere(pageId: string): boolean | null {
  const online = useOnline()
  const { pages } = useOfflineSnapshot()
  if (online) return null
  return pages.some((page) => page.pageId === pageId && page.hasBody)
}
