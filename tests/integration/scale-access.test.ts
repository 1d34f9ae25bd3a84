/**
 * Several instances (issue 15): what one instance decides reaches the others. A member removed
 * or signed out on instance A loses their socket on instance B within 1 s; an event stream on B
 * receives a tree change made on A; presence crosses instances, and the cursors of an instance
 * that died are gone within 30 s; failed sign-ins are counted across instances.
 */
import { CloseCode } from '@tisserand/sync-protocol'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import { Api, asOwner, memberWithRole } from '../support/api.ts'
import { connectClient } from '../support/clients.ts'
import { startCluster, type TestCluster } from '../support/cluster.ts'
import { listenEvents } from '../support/events.ts'
import { type TestServer, waitFor } from '../support/server.ts'

let cluster: TestCluster
let a: TestServer
let b: TestServer
let owner: Awaited<ReturnType<typeof asOwner>>
beforeAll(async () => {
  cluster = await startCluster(2, 'access', { LOGIN_MAX_FAILURES_PER_ACCOUNT: '4' })
  ;[a, b] = cluster.servers as [TestServer, TestServer]
  owner = await asOwner(a)
})
afterAll(async () => {
  await cluster?.stop()
})

/** The same signed-in session, speaking to another instance (sessions live in PostgreSQL). */
function on(server: TestServer, api: Api): Api {
  const copy = new Api(server.url)
  copy.cookie = api.cookie
  copy.token = api.token
  return copy
}

/** A socket opened with a session cookie, as a browser's; resolves once open. */
async function cookieSocket(server: TestServer, pageId: string, api: Api) {
  const ws = new WebSocket(`${server.wsUrl}/${pageId}`, {
    headers: { cookie: api.cookie ?? '', origin: server.url },
  })
  const state = { closedWith: null as number | null }
  ws.on('error', () => {})
  ws.on('close', (code) => {
    state.closedWith = code
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
  })
  return state
}

test('removing a member on instance A closes their socket on instance B within 1 s', async () => {
  const pageId = await owner.newPage()
  const member = await memberWithRole(a, owner.api, owner.workspaceId, 'editor', 'removed-b@example.org')
  const socket = await cookieSocket(b, pageId, on(b, member.api))
  const res = await owner.api.delete(`/api/workspaces/${owner.workspaceId}/members/${member.userId}`)
  expect(res.status).toBe(204)
  await waitFor(() => socket.closedWith, 1000, 'the socket on B to close')
  expect(socket.closedWith).toBe(CloseCode.forbidden)
})

test('signing out on instance A closes the session’s socket on instance B within 1 s', async () => {
  const pageId = await owner.newPage()
  const member = await memberWithRole(a, owner.api, owner.workspaceId, 'editor', 'signout-b@example.org')
  const socket = await cookieSocket(b, pageId, on(b, member.api))
  expect((await member.api.post('/api/auth/logout')).status).toBeLessThan(300)
  await waitFor(() => socket.closedWith, 1000, 'the socket on B to close')
  expect(socket.closedWith).toBe(CloseCode.forbidden)
})

test('revoking a token on instance A closes the y-websocket client using it on instance B within 1 s', async () => {
  const pageId = await owner.newPage()
  const created = (await owner.api.post('/api/tokens', { name: 'script on B' })).body
  const client = connectClient(b.wsUrl, pageId, { token: created.token })
  await client.synced
  let closedWith: number | null = null
  client.provider.ws?.addEventListener('close', (event) => {
    closedWith = (event as CloseEvent).code
  })
  expect((await owner.api.delete(`/api/tokens/${created.id}`)).status).toBe(204)
  await waitFor(() => closedWith, 1000, 'the socket on B to close')
  expect(closedWith).toBe(CloseCode.forbidden)
  client.destroy()
})

test('an event stream on instance B receives a tree change made on instance A', async () => {
  const stream = await listenEvents(b.url, owner.api.cookie ?? '', owner.workspaceId)
  try {
    const pageId = await owner.newPage('Créée sur A', 'note')
    const event = await waitFor(
      () => stream.events.find((e) => e.type === 'page.created' && e.pageId === pageId),
      5000,
      'the page.created event on B',
    )
    expect(event.workspaceId ?? owner.workspaceId).toBe(owner.workspaceId)
  } finally {
    stream.close()
  }
})

test('failed sign-ins are counted across instances: the limit holds whichever instance is asked', async () => {
  const email = 'limited-across@example.org'
  for (const server of [a, b, a, b]) {
    const res = await new Api(server.url).post('/api/auth/login', { email, password: 'wrong password!' })
    expect(res.status).toBe(401)
  }
  for (const server of [a, b]) {
    const res = await new Api(server.url).post('/api/auth/login', { email, password: 'wrong password!' })
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
  }
})

// Last: it kills instance A.
test('presence crosses instances; the cursors of an instance that died are gone within 30 s', async () => {
  const pageId = await owner.newPage()
  const present = connectClient(a.wsUrl, pageId, { token: owner.token })
  const observer = connectClient(b.wsUrl, pageId, { token: owner.token })
  await Promise.all([present.synced, observer.synced])
  present.provider.awareness.setLocalStateField('user', { name: 'Sur A' })
  const id = present.doc.clientID
  await waitFor(
    () => (observer.provider.awareness.getStates().get(id) as any)?.user?.name === 'Sur A',
    5000,
    'the cursor from A on B',
  )
  // A change just before the kill: left to the y-websocket client's own 30 s timeout, this state
  // would stay on B's screen for 30 s more. B's instance drops it when A stops sending heartbeats.
  present.provider.awareness.setLocalStateField('user', { name: 'Toujours sur A' })
  await waitFor(
    () => (observer.provider.awareness.getStates().get(id) as any)?.user?.name === 'Toujours sur A',
    5000,
    'the last change from A on B',
  )
  await a.kill('SIGKILL')
  const killedAt = Date.now()
  await waitFor(
    () => !observer.provider.awareness.getStates().has(id),
    30_000,
    'the dead instance’s cursor to go',
  )
  expect(Date.now() - killedAt).toBeLessThan(25_000)
  present.destroy()
  observer.destroy()
})
