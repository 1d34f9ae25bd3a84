/** Read-only sockets, and revocations and downgrades reaching open sockets at once. */

import path from 'node:path'
import { CloseCode, MessageType } from '@tisserand/sync-protocol'
import BetterSqlite3 from 'better-sqlite3'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { SqliteDocStore } from '../../apps/server/src/store/doc-store-sqlite.ts'
import { applyStoredDoc } from '../../apps/server/src/sync/doc-state.ts'
import { type Api, asOwner, memberWithRole } from '../support/api.ts'
import { connectClient, type TestClient } from '../support/clients.ts'
import { addParagraph } from '../support/edits.ts'
import { startServer, type TestServer, waitFor } from '../support/server.ts'

let server: TestServer
let owner: Awaited<ReturnType<typeof asOwner>>
beforeAll(async () => {
  server = await startServer()
  owner = await asOwner(server)
})
afterAll(async () => {
  await server.kill('SIGTERM')
})

/** A raw socket speaking y-protocols by hand, signed in with a member's cookie like a browser. */
class RawClient {
  readonly ws: WebSocket
  readonly received: Buffer[] = []
  access: string | null = null
  closedWith: number | null = null

  constructor(pageId: string, api: Api) {
    this.ws = new WebSocket(`${server.wsUrl}/${pageId}`, {
      headers: { cookie: api.cookie ?? '', origin: server.url },
    })
    this.ws.on('error', () => {})
    this.ws.on('close', (code) => {
      this.closedWith = code
    })
    this.ws.on('message', (data: Buffer) => {
      this.received.push(data)
      if (data[0] === MessageType.auth && data[1] === 1) this.access = data.subarray(3).toString('utf8')
    })
  }

  async ready(): Promise<this> {
    await waitFor(() => this.access, 5000, 'the access message')
    return this
  }

  /** Sends a Yjs update that adds a paragraph reading `text`, as a y-websocket client would. */
  sendParagraph(text: string): void {
    const doc = new Y.Doc()
    let update: Uint8Array | null = null
    doc.on('update', (u: Uint8Array) => {
      update = u
    })
    addParagraph(doc.getXmlFragment('default'), text)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    encoding.writeVarUint(encoder, 2)
    encoding.writeVarUint8Array(encoder, update as unknown as Uint8Array)
    this.ws.send(encoding.toUint8Array(encoder))
  }

  /** Resolves once the server has processed everything this socket sent before (it answers in order). */
  async roundTrip(): Promise<void> {
    const before = this.received.length
    this.ws.send(Uint8Array.of(MessageType.queryAwareness))
    await waitFor(
      () => this.received.slice(before).some((m) => m[0] === MessageType.awareness),
      5000,
      'the awareness reply',
    )
  }
}

/** The page as stored on disk, read through a second, read-only connection while the server runs. */
async function storedText(pageId: string): Promise<string> {
  const raw = new BetterSqlite3(path.join(server.dataDir, 'tisserand.db'), { readonly: true })
  try {
    const doc = new Y.Doc()
    applyStoredDoc(doc, await new SqliteDocStore(raw).load(pageId))
    return doc.getXmlFragment('default').toString()
  } finally {
    raw.close()
  }
}

async function observe(pageId: string): Promise<TestClient> {
  const client = connectClient(server.wsUrl, pageId, { token: owner.token })
  await client.synced
  return client
}

test("viewers' and commenters' updates are neither stored nor broadcast; editors' are", async () => {
  const pageId = await owner.newPage('Synthèse', 'synthesis')
  const observer = await observe(pageId)
  for (const role of ['viewer', 'commenter', 'editor'] as const) {
    const member = await memberWithRole(server, owner.api, owner.workspaceId, role, `${role}-raw@example.org`)
    const raw = await new RawClient(pageId, member.api).ready()
    expect(raw.access).toBe(role === 'editor' ? 'read-write' : 'read-only')
    raw.sendParagraph(`écrit par ${role}`)
    await raw.roundTrip()
    raw.ws.close()
  }
  await waitFor(() => observer.body.toString().includes('écrit par editor'), 5000, 'the editor paragraph')
  const seen = observer.body.toString()
  expect(seen).not.toContain('écrit par viewer')
  expect(seen).not.toContain('écrit par commenter')
  const stored = await waitFor(() => storedText(pageId), 5000, 'stored text')
  expect(stored).toContain('écrit par editor')
  expect(stored).not.toContain('écrit par viewer')
  expect(stored).not.toContain('écrit par commenter')
  observer.destroy()
})

test('removing a member closes their live socket within 1 s', async () => {
  const pageId = await owner.newPage()
  const member = await memberWithRole(server, owner.api, owner.workspaceId, 'editor', 'removed@example.org')
  const raw = await new RawClient(pageId, member.api).ready()
  const res = await owner.api.delete(`/api/workspaces/${owner.workspaceId}/members/${member.userId}`)
  expect(res.status).toBe(204)
  await waitFor(() => raw.closedWith, 1000, 'the socket to close')
  expect(raw.closedWith).toBe(CloseCode.forbidden)
})

test('revoking a token closes the sockets opened with it within 1 s', async () => {
  const pageId = await owner.newPage()
  const created = (await owner.api.post('/api/tokens', { name: 'script' })).body
  const client = connectClient(server.wsUrl, pageId, { token: created.token })
  await client.synced
  let closedWith: number | null = null
  client.provider.ws?.addEventListener('close', (event) => {
    closedWith = (event as CloseEvent).code
  })
  expect((await owner.api.delete(`/api/tokens/${created.id}`)).status).toBe(204)
  await waitFor(() => closedWith, 1000, 'the socket to close')
  expect(closedWith).toBe(CloseCode.forbidden)
  // Reconnecting with the revoked token is refused at the upgrade.
  const retry = new WebSocket(`${server.wsUrl}/${pageId}?token=${created.token}`)
  retry.on('error', () => {})
  const status = await new Promise<number>((resolve) =>
    retry.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
  )
  expect(status).toBe(401)
  client.destroy()
})

test('a downgrade to viewer stops the writes of an open socket at once', async () => {
  const pageId = await owner.newPage()
  const observer = await observe(pageId)
  const member = await memberWithRole(
    server,
    owner.api,
    owner.workspaceId,
    'editor',
    'downgraded@example.org',
  )
  const raw = await new RawClient(pageId, member.api).ready()
  raw.sendParagraph('avant')
  await raw.roundTrip()
  const res = await owner.api.patch(`/api/workspaces/${owner.workspaceId}/members/${member.userId}`, {
    role: 'viewer',
  })
  expect(res.status).toBe(200)
  // Sent right after the change was answered: the server must already refuse it.
  raw.sendParagraph('après')
  await raw.roundTrip()
  expect(raw.access).toBe('read-only')
  await waitFor(() => observer.body.toString().includes('avant'), 5000, 'the first paragraph')
  expect(observer.body.toString()).not.toContain('après')
  expect(await storedText(pageId)).not.toContain('après')
  expect(raw.closedWith).toBeNull()
  raw.ws.close()
  observer.destroy()
})

test('an owner downgraded to editor while the case-sheet template is open loses write access to it at once', async () => {
  const template = (await owner.api.get(`/api/workspaces/${owner.workspaceId}/template`)).body
  expect(template.id).toEqual(expect.any(String))
  const second = await memberWithRole(
    server,
    owner.api,
    owner.workspaceId,
    'editor',
    'second-owner@example.org',
  )
  await owner.api.patch(`/api/workspaces/${owner.workspaceId}/members/${second.userId}`, { role: 'owner' })
  const raw = await new RawClient(template.id, second.api).ready()
  expect(raw.access).toBe('read-write')
  await owner.api.patch(`/api/workspaces/${owner.workspaceId}/members/${second.userId}`, { role: 'editor' })
  await waitFor(() => raw.access === 'read-only', 1000, 'the socket to turn read-only')
  raw.ws.close()
})
