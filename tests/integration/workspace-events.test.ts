import { afterAll, beforeAll, expect, test } from 'vitest'
import { asOwner, memberWithRole } from '../support/api.ts'
import { connectClient } from '../support/clients.ts'
import { listenEvents } from '../support/events.ts'
import { startServer, type TestServer, waitFor } from '../support/server.ts'
import { writeParagraph } from '../support/wiki.ts'

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.kill()
})

const listen = (cookie: string, workspaceId: string) => listenEvents(server.url, cookie, workspaceId)

test('page changes reach every member viewing the workspace; a removed member stops receiving them', async () => {
  const owner = await asOwner(server)
  const viewer = await memberWithRole(server, owner.api, owner.workspaceId, 'viewer', 'watcher@example.org')
  const stream = await listen(viewer.api.cookie ?? '', owner.workspaceId)
  const pageId = await owner.newPage('Fiche Épicerie solidaire', 'case')
  await waitFor(
    () => stream.events.find((e) => e.type === 'page.created' && e.pageId === pageId),
    5000,
    'page.created',
  )
  await owner.api.patch(`/api/pages/${pageId}`, { title: 'Fiche Épicerie' })
  await waitFor(
    () => stream.events.find((e) => e.type === 'page.updated' && e.pageId === pageId),
    5000,
    'page.updated',
  )
  await owner.api.delete(`/api/workspaces/${owner.workspaceId}/members/${viewer.userId}`)
  await waitFor(() => stream.ended(), 5000, 'the stream to end')
  stream.close()
})

test('a new link announces page.links naming the target, so its backlinks panel can refresh', async () => {
  const owner = await asOwner(server)
  const stream = await listen(owner.api.cookie ?? '', owner.workspaceId)
  const target = await owner.newPage('Fiche liée', 'case')
  const source = await owner.newPage('Synthèse', 'synthesis')
  const client = connectClient(server.wsUrl, source, { token: owner.token })
  await client.synced
  writeParagraph(client, 'Voir ', { pageId: target }, '.')
  const event = await waitFor(
    () => stream.events.find((e) => e.type === 'page.links' && e.pageId === source),
    10_000,
    'page.links',
  )
  expect(event.targets).toEqual([target])
  client.destroy()
  stream.close()
})
