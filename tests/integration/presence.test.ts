/**
 * Presence is forwarded at once when a room is quiet and batched when it is busy: with a batching
 * window of 5 s, a lone cursor move reaches the other client long before the window ends, and a
 * burst of moves reaches it in a couple of messages, not one per move.
 */
import { afterAll, expect, test } from 'vitest'
import { asOwner } from '../support/api.ts'
import { syncedClients } from '../support/clients.ts'
import { startServer, type TestServer, waitFor } from '../support/server.ts'

let server: TestServer | null = null
const clients = syncedClients()
afterAll(async () => {
  clients.destroyAll()
  await server?.kill('SIGTERM')
})

test('a lone cursor move goes out at once; a burst is batched into the window', async () => {
  server = await startServer({ env: { AWARENESS_FLUSH_MS: '5000' } })
  const { token, newPage } = await asOwner(server)
  const pageId = await newPage('Présence')
  const mover = await clients.connect(server.wsUrl, pageId, token)
  const watcher = await clients.connect(server.wsUrl, pageId, token)
  const seen: number[] = []
  watcher.provider.awareness.on('change', () => {
    const state = watcher.provider.awareness.getStates().get(mover.doc.clientID) as
      | { cursor?: number }
      | undefined
    if (typeof state?.cursor === 'number') seen.push(state.cursor)
  })
  // Let the join's own presence messages go by, so the room is quiet again.
  await new Promise((resolve) => setTimeout(resolve, 5500))

  const sentAt = Date.now()
  mover.provider.awareness.setLocalStateField('cursor', 1)
  await waitFor(() => seen.includes(1), 2500, 'the lone move, well before the 5 s window ends')
  expect(Date.now() - sentAt).toBeLessThan(2500)

  // A burst right after: the room is busy now; the moves arrive together at the window's end.
  const messagesBefore = seen.length
  for (let i = 2; i <= 21; i++) mover.provider.awareness.setLocalStateField('cursor', i)
  await waitFor(() => seen.includes(21), 12_000, 'the last move of the burst')
  expect(seen.length - messagesBefore).toBeLessThanOrEqual(3)
})
