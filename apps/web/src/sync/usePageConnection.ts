import { useEffect, useState, useSyncExternalStore } from 'react'
import { type ConnectionState, openPageConnection, type PageConnection } from './pageConnection.ts'

const notConnectedYet: ConnectionState = { sync: 'connecting', access: 'read-write' }
const noSubscription = () => () => {}

/** Opens the page's connection for as long as the component is mounted (one per page id). */
export function usePageConnection(pageId: string): {
  connection: PageConnection | null
  state: ConnectionState
} {
  const [connection, setConnection] = useState<PageConnection | null>(null)

  useEffect(() => {
    const opened = openPageConnection(pageId)
    setConnection(opened)
    return () => {
      setConnection(null)
      opened.destroy()
    }
  }, [pageId])

  const state = useSyncExternalStore(
    connection?.subscribe ?? noSubscription,
    connection?.getState ?? (() => notConnectedYet),
  )
  return { connection, state }
}
