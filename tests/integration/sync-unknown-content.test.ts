/**
 * Content the editor schema does not know (an older or newer web app, an import, a script) is kept
 * exactly as written: deriving search text, links and coded passages reads the document without
 * writing it, and the live document always holds exactly what is stored.
 */
import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import { asOwner } from '../support/api.ts'
import { syncedClients } from '../support/clients.ts'
import { startServer, type TestServer, waitFor } from '../support/server.ts'
import { search, writeParagraph } from '../support/wiki.ts'

let server: TestServer | null = null
const clients = syncedClients()
afterEach(async () => {
  clients.destroyAll()
  await server?.kill('SIGKILL')
  server = null
})

const fresh = (srv: TestServer, pageId: string, token: string) => clients.connect(srv.wsUrl, pageId, token)

/** The body fragment alone, as an update: what must come back byte for byte. */
function fragmentState(doc: Y.Doc): string {
  const copy = new Y.Doc()
  // A fixed client id: the same content must give the same bytes.
  copy.clientID = 1
  copy.getXmlFragment('default').insert(
    0,
    doc
      .getXmlFragment('default')
      .toArray()
      .map((node) => node.clone() as Y.XmlElement | Y.XmlText),
  )
  const bytes = Buffer.from(Y.encodeStateAsUpdate(copy)).toString('base64')
  copy.destroy()
  return bytes
}

test('an element unknown to the schema survives derive passes, a SIGKILL restart and a compaction, and its text is searchable', async () => {
  server = await startServer({
    env: { DERIVE_QUIET_MS: '50', COMPACT_THRESHOLD: '5', UNLOAD_GRACE_MS: '200' },
  })
  const { token, newPage, api, workspaceId } = await asOwner(server)
  const pageId = await newPage('Page avec un élément inconnu')
  const writer = await fresh(server, pageId, token)
  writeParagraph(writer, 'Un paragraphe ordinaire.')
  writer.doc.transact(() => {
    const quotation = new Y.XmlElement('quotation')
    quotation.setAttribute('codingId', 'abc')
    const text = new Y.XmlText()
    text.insert(0, 'unknown node text')
    quotation.insert(0, [text])
    writer.body.insert(writer.body.length, [quotation])
  })
  writeParagraph(writer, 'Un autre paragraphe.')
  const written = writer.body.toString()
  expect(written).toContain('<quotation codingId="abc">unknown node text</quotation>')
  const expected = fragmentState(writer.doc)

  // Derive runs 50 ms after the edits; its search row is the proof that it ran.
  const hit = await waitFor(
    async () => (await search(api, workspaceId, 'unknown')).find((r) => r.pageId === pageId),
    10_000,
    'the unknown element’s text in search',
  )
  expect(hit.snippet).toContain('node')
  // Give a (wrongly) deleting pass time to broadcast its deletion.
  await new Promise((resolve) => setTimeout(resolve, 500))
  expect(writer.body.toString()).toBe(written)
  expect(fragmentState(writer.doc)).toBe(expected)
  const reader = await fresh(server, pageId, token)
  expect(fragmentState(reader.doc)).toBe(expected)
  expect(Y.encodeStateAsUpdate(reader.doc)).toEqual(Y.encodeStateAsUpdate(writer.doc))

  // Nothing that was broadcast may be missing from storage: a crash shows the stored state.
  await server.kill('SIGKILL')
  server = await server.restart()
  const afterCrash = await fresh(server, pageId, token)
  expect(fragmentState(afterCrash.doc)).toBe(expected)

  // More edits than COMPACT_THRESHOLD: the log is folded into a snapshot of the live document.
  const echo = await fresh(server, pageId, token)
  for (let i = 0; i < 8; i++) writeParagraph(afterCrash, `ligne ${i}`)
  await waitFor(() => echo.body.length === afterCrash.body.length, 5000, 'the edits to be stored and echoed')
  const expectedAfterEdits = fragmentState(afterCrash.doc)
  clients.destroyAll()
  // The room unloads (compacting) once nobody is connected; then a fresh load reads the snapshot.
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const afterCompaction = await fresh(server, pageId, token)
  expect(afterCompaction.body.toString()).toContain('<quotation codingId="abc">unknown node text</quotation>')
  expect(fragmentState(afterCompaction.doc)).toBe(expectedAfterEdits)
  await server.kill('SIGKILL')
  server = await server.restart()
  const afterCompactionCrash = await fresh(server, pageId, token)
  expect(fragmentState(afterCompactionCrash.doc)).toBe(expectedAfterEdits)
})
