import { useEffect, useState, useSyncExternalStore } from 'react'
import { useOfflineStore } from '../offline/useOffline.ts'
import { type ConnectionState, openPageConnection, type PageConnection } from './pageConnection.ts'

const notConnectedYet: ConnectionState = {
  sync: 'connecting',
  access: 'read-write',
  pending: 0,
  local: 'none',
  localBody: false,
  available: false,
}
const noSubscription = () => () => {}

/** Opens the page's connection for as long as the component is mounted (one per page id). */
export function usePageConnection(pageId: string): {
  connection: PageConnection | null
  state: ConnectionState
} {
  const [connection, setConnection] = useState<PageConnection | null>(null)
  const store = useOfflineStore()

  useEffect(() => {
    const opened = openPageConnection(pageId, store)
    setConnection(opened)
    return () => {
      setConnection(null)
      opened.destroy()
    }
  }, [pageId, store])

  const state = useSyncExternalStore(
    connection?.subscribe ?? noSubscription,
    connection?.getState ?? (() => notConnectedYet),
  )
  return { connection, state }
}
