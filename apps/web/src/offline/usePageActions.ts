/** The queued and refused actions of one page, and a reload when some of them reach the server. */
import { useEffect, useMemo, useRef } from 'react'
import { onActionsSent } from './queue.ts'
import type { ActionKind, QueuedAction } from './store.ts'
import { useOfflineSnapshot } from './useOffline.ts'

export function usePageActions(pageId: string, kinds: readonly ActionKind[], onSent?: () => void) {
  const { actions } = useOfflineSnapshot()
  const filtered = actions.filter((action) => action.pageId === pageId && kinds.includes(action.kind))
  // The same list as long as its actions are the same: other changes of the store (edit counts
  // while typing) must not look like new actions to the components that show them.
  const key = JSON.stringify(filtered)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the list
  const mine = useMemo(() => filtered, [key])
  const latest = useRef(onSent)
  latest.current = onSent
  useEffect(() => onActionsSent((sentPageId) => sentPageId === pageId && latest.current?.()), [pageId])
  return useMemo(
    () => ({
      pending: mine.filter((action) => action.state === 'pending'),
      refused: mine.filter((action) => action.state === 'refused'),
    }),
    [mine],
  )
}

export function payloadOf<T>(action: QueuedAction): T {
  return action.payload as T
}
