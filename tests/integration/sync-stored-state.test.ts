/**
 * The live document holds exactly what is stored, for every kind of page: after edits, derive
 * passes and compactions, what clients get from the running server equals what a restart after a
 * SIGKILL loads from storage. (The stored-state guard, on in every test server, checks the same
 * from inside after every turn and would stop the server.)
 */
import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import { asOwner } from '../support/api.ts'
import { syncedClients } from '../support/clients.ts'
import { startServer, type TestServer, waitFor } from '../support/server.ts'
import { writeParagraph } from '../support/wiki.ts'

let server: TestServer | null = null
const clients = syncedClients()
afterEach(async () => {
  clients.destroyAll()
  await server?.kill('SIGKILL')
  server = null
})

const open = (srv: TestServer, pageId: string, token: string) => clients.connect(srv.wsUrl, pageId, token)

/** State vector and delete set: equal snapshots mean the same document, however it was encoded. */
const snapshotOf = (doc: Y.Doc) => Y.encodeSnapshot(Y.snapshot(doc))

test('for every kind of page, seeded ones included, the live state equals a fresh load from storage', async () => {
  server = await startServer({ env: { DERIVE_QUIET_MS: '50', COMPACT_THRESHOLD: '5' } })
  const { api, token, workspaceId, newPage } = await asOwner(server)
  const seeded = (
    await api.get<{ pages: { id: string; kind: string }[] }>(`/api/workspaces/${workspaceId}/pages`)
  ).body.pages
  const template = (await api.get<{ id: string }>(`/api/workspaces/${workspaceId}/template`)).body
  const created = [
    await newPage('Fiche de test', 'case'),
    await newPage('Synthèse de test', 'synthesis'),
    await newPage('Note de test', 'note'),
  ]
  const pageIds = [...seeded.map((p) => p.id), template.id, ...created]
  expect(new Set(seeded.map((p) => p.kind))).toEqual(new Set(['note', 'synthesis']))
  expect(pageIds.length).toBeGreaterThan(10)

  const live = new Map<string, { snapshot: Uint8Array; body: string }>()
  for (const pageId of pageIds) {
    const writer = await open(server, pageId, token)
    const echo = await open(server, pageId, token)
    // More edits than COMPACT_THRESHOLD, with a deletion and formatting among them.
    for (let i = 0; i < 6; i++) writeParagraph(writer, `Ajout ${i} à la page`)
    writer.body.delete(0, 1)
    // And an element of a newer editor, which the server must keep without understanding it.
    const figure = new Y.XmlElement('figure')
    figure.setAttribute('src', 'schema.svg')
    writer.body.insert(writer.body.length, [figure])
    const first = writer.body.get(0)
    if (first instanceof Y.XmlElement) {
      const text = first.get(0)
      if (text instanceof Y.XmlText && text.length > 2) text.format(0, 2, { bold: {} })
    }
    await waitFor(
      () => echo.body.toString() === writer.body.toString(),
      5000,
      `the edits of ${pageId} echoed`,
    )
    // Let the derive passes read the live document while it is open.
    await new Promise((resolve) => setTimeout(resolve, 150))
    const reader = await open(server, pageId, token)
    live.set(pageId, { snapshot: snapshotOf(reader.doc), body: reader.body.toString() })
    expect(reader.body.toString()).toBe(writer.body.toString())
  }
  clients.destroyAll()

  await server.kill('SIGKILL')
  server = await server.restart()
  for (const pageId of pageIds) {
    const stored = await open(server, pageId, token)
    expect(stored.body.toString()).toBe(live.get(pageId)?.body)
    expect(snapshotOf(stored.doc)).toEqual(live.get(pageId)?.snapshot)
  }
})
