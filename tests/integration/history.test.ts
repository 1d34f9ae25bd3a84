/**
 * History through the real server: who wrote what (bound client ids, kept through compaction and
 * restarts), versions captured when a page goes idle, and restores that reach online clients live.
 */

import * as encoding from 'lib0/encoding'
import { afterEach, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { CloseCode } from '../../packages/sync-protocol/src/index.ts'
import { Api, asOwner, memberWithRole, OWNER } from '../support/api.ts'
import { syncedClients, type TestClient } from '../support/clients.ts'
import { startServer, type TestServer, waitFor } from '../support/server.ts'
import { writeParagraph } from '../support/wiki.ts'

let server: TestServer | null = null
const clients = syncedClients()
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    console.log(
      server?.logs
        .filter((l) => !l.includes('"level":30'))
        .slice(-15)
        .join('\n'),
    )
  clients.destroyAll()
  await server?.kill('SIGKILL')
  server = null
})

async function twoWriters(env: Record<string, string> = {}) {
  server = await startServer({ env })
  const owner = await asOwner(server)
  const editor = await memberWithRole(server, owner.api, owner.workspaceId, 'editor', 'chloe@example.org')
  const editorToken = (await editor.api.post<{ token: string }>('/api/tokens', { name: 'script' })).body.token
  const me = (await editor.api.get<{ user: { id: string } }>('/api/me')).body
  return { owner, editor: { ...editor, token: editorToken, id: me.user?.id ?? editor.userId } }
}

const textOf = (runs: { text: string }[]) => runs.map((r) => r.text).join('')

/** Characters of `text` in the authorship runs credited to each author name. */
function creditsOf(
  runs: { text: string; author: { name: string } | null }[],
  text: string,
): Set<string | null> {
  const all = textOf(runs)
  const start = all.indexOf(text)
  expect(start, `«${text}» in «${all}»`).toBeGreaterThanOrEqual(0)
  const authors = new Set<string | null>()
  let offset = 0
  for (const run of runs) {
    const from = offset
    offset += run.text.length
    if (offset > start && from < start + text.length) authors.add(run.author?.name ?? null)
  }
  return authors
}

async function authorship(api: Api, pageId: string) {
  const res = await api.get(`/api/pages/${pageId}/authorship`)
  expect(res.status).toBe(200)
  return res.body.runs as { text: string; author: { id: string; name: string } | null }[]
}

test('authorship credits every character to its writer, through compaction and a restart; a borrowed client id is refused', async () => {
  const { owner, editor } = await twoWriters({ COMPACT_THRESHOLD: '5' })
  if (!server) throw new Error('no server')
  const pageId = await owner.newPage('Synthèse à deux', 'synthesis')
  const amina = await clients.connect(server.wsUrl, pageId, owner.token)
  const chloe = await clients.connect(server.wsUrl, pageId, editor.token)
  const aminaText = 'Les initiatives construisent leur réponse avec les habitants.'
  const chloeText = 'Chloé ajoute : la gouvernance reste ouverte aux bénévoles.'
  for (let i = 0; i < 4; i++) writeParagraph(amina, `${aminaText} (${i})`)
  await waitFor(() => chloe.body.length === 4, 5000, 'Amina’s paragraphs at Chloé')
  for (let i = 0; i < 4; i++) writeParagraph(chloe, `${chloeText} (${i})`)
  await waitFor(() => amina.body.length === 8, 5000, 'Chloé’s paragraphs at Amina')

  const check = async (api: Api) => {
    const runs = await authorship(api, pageId)
    for (let i = 0; i < 4; i++) {
      expect(creditsOf(runs, `${aminaText} (${i})`)).toEqual(new Set(['Owner']))
      expect(creditsOf(runs, `${chloeText} (${i})`)).toEqual(new Set([`editor chloe@example.org`]))
    }
  }
  await check(owner.api)
  clients.destroyAll()
  await server.kill('SIGKILL')
  server = await server.restart()
  const ownerAgain = await Api.forServer(server).login(OWNER.email, OWNER.password)
  await check(ownerAgain)

  // Chloé's script takes Amina's client id to write as her: refused, closed, and nothing stored.
  // (The id is taken after loading the page: Yjs itself changes an id it sees in remote content.)
  const forged = new Y.Doc()
  Y.applyUpdate(forged, Y.encodeStateAsUpdate(amina.doc))
  forged.clientID = amina.doc.clientID
  let forgery: Uint8Array | null = null
  forged.on('update', (update: Uint8Array) => {
    forgery = update
  })
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  text.insert(0, 'Écrit sous le nom d’Amina')
  paragraph.insert(0, [text])
  forged.getXmlFragment('default').insert(0, [paragraph])
  if (!forgery) throw new Error('no update')
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, 0) // sync
  encoding.writeVarUint(message, 2) // update
  encoding.writeVarUint8Array(message, forgery)
  const socket = new WebSocket(`${server.wsUrl}/${pageId}?token=${editor.token}`)
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
  socket.on('open', () => socket.send(encoding.toUint8Array(message)))
  expect(await closed).toBe(CloseCode.clientIdTaken)
  const reader: TestClient = await clients.connect(server.wsUrl, pageId, owner.token)
  expect(reader.body.toString()).not.toContain('Écrit sous le nom')
  expect(textOf(await authorship(ownerAgain, pageId))).not.toContain('Écrit sous le nom')
})

test('a page idle for VERSION_IDLE_S gets one automatic version whose contributors are exactly its editors', async () => {
  const { owner, editor } = await twoWriters({ VERSION_IDLE_S: '1', VERSION_MAX_S: '600' })
  if (!server) throw new Error('no server')
  const pageId = await owner.newPage('Note partagée', 'note')
  const amina = await clients.connect(server.wsUrl, pageId, owner.token)
  const chloe = await clients.connect(server.wsUrl, pageId, editor.token)
  writeParagraph(amina, 'Premier jet.')
  writeParagraph(chloe, 'Deuxième main.')
  await waitFor(() => amina.body.length === 2 && chloe.body.length === 2, 5000, 'both edits everywhere')
  // Both stay connected: only the idle delay can take this version.
  await new Promise((resolve) => setTimeout(resolve, 2000))
  const { versions } = (await owner.api.get(`/api/pages/${pageId}/versions`)).body
  expect(versions).toHaveLength(1)
  expect(versions[0].kind).toBe('auto')
  expect(versions[0].contributors.map((p: { name: string }) => p.name).sort()).toEqual(
    ['Owner', 'editor chloe@example.org'].sort(),
  )
  // Nothing changed since: no second version, however long the page stays idle.
  await new Promise((resolve) => setTimeout(resolve, 1500))
  expect((await owner.api.get(`/api/pages/${pageId}/versions`)).body.versions).toHaveLength(1)
})

test('when a page’s last connection closes, its pending version is taken at once', async () => {
  const { owner } = await twoWriters({ VERSION_IDLE_S: '3600', VERSION_MAX_S: '3600' })
  if (!server) throw new Error('no server')
  const pageId = await owner.newPage('Note quittée', 'note')
  const writer = await clients.connect(server.wsUrl, pageId, owner.token)
  const echo = await clients.connect(server.wsUrl, pageId, owner.token)
  writeParagraph(writer, 'Écrit juste avant de partir.')
  await waitFor(() => echo.body.length === 1, 5000, 'the edit stored')
  expect((await owner.api.get(`/api/pages/${pageId}/versions`)).body.versions).toHaveLength(0)
  clients.destroyAll()
  const versions = await waitFor(
    async () => {
      const list = (await owner.api.get(`/api/pages/${pageId}/versions`)).body.versions
      return list.length > 0 ? list : null
    },
    5000,
    'the version taken on the last close',
  )
  expect(versions.map((v: { kind: string }) => v.kind)).toEqual(['auto'])
})

test('restore after 200 edits: the page reads as the version again, live for a connected client whose later edits survive', async () => {
  const { owner } = await twoWriters({ VERSION_IDLE_S: '3600', COMPACT_THRESHOLD: '50' })
  if (!server) throw new Error('no server')
  const pageId = await owner.newPage('Synthèse', 'synthesis')
  const writer = await clients.connect(server.wsUrl, pageId, owner.token)
  for (let i = 0; i < 5; i++) writeParagraph(writer, `Paragraphe d’origine ${i}.`)
  const echo = await clients.connect(server.wsUrl, pageId, owner.token)
  await waitFor(() => echo.body.length === 5, 5000, 'the first paragraphs stored')
  const named = await owner.api.post(`/api/pages/${pageId}/versions`, { name: 'Avant relecture' })
  expect(named.status).toBe(201)
  const versionId = named.body.version.id as string
  const versionText = (await owner.api.get(`/api/pages/${pageId}/versions/${versionId}`)).body.text as string
  expect(versionText).toContain('Paragraphe d’origine 4.')

  // 200 edits: new paragraphs, text typed into and deleted from the old ones, a paragraph removed.
  for (let i = 0; i < 200; i++) {
    const body = writer.body
    if (i % 3 === 0) writeParagraph(writer, `Ajout ${i}`)
    else {
      const paragraph = body.get(i % body.length) as Y.XmlElement
      const text = paragraph.get(0) as Y.XmlText
      if (i % 3 === 1) text.insert(Math.min(3, text.length), ` [${i}]`)
      else if (text.length > 4) text.delete(0, 2)
    }
  }
  writer.body.delete(1, 1)
  await waitFor(() => echo.body.toString() === writer.body.toString(), 10_000, 'the 200 edits stored')

  // The writer keeps typing while the restore runs.
  const typedDuring: string[] = []
  let typing = true
  const typer = (async () => {
    for (let i = 0; typing && i < 200; i++) {
      const line = `Pendant la restauration ${i}`
      writeParagraph(writer, line)
      typedDuring.push(line)
      await new Promise((resolve) => setTimeout(resolve, 15))
    }
  })()
  const restored = await owner.api.post(`/api/pages/${pageId}/versions/${versionId}/restore`, {})
  typing = false
  await typer
  expect(restored.status).toBe(200)
  expect(restored.body.version.kind).toBe('restore')

  const fresh = await clients.connect(server.wsUrl, pageId, owner.token)
  await waitFor(
    () => writer.body.toString() === fresh.body.toString(),
    10_000,
    'the writer to match the server',
  )
  const { versions } = (await owner.api.get(`/api/pages/${pageId}/versions`)).body
  const kinds = versions.map((v: { kind: string }) => v.kind)
  expect(kinds.slice(0, 2)).toEqual(['restore', 'pre-restore'])
  const preRestore = versions[1].id as string
  const preText = (await owner.api.get(`/api/pages/${pageId}/versions/${preRestore}`)).body.text as string

  // What the server had when it restored is undone; what reached it after is kept.
  const end = (await owner.api.post(`/api/pages/${pageId}/versions`, { name: 'Après' })).body.version.id
  const finalLines = (await owner.api.get(`/api/pages/${pageId}/versions/${end}`)).body.text.split(
    '\n',
  ) as string[]
  const lateLines = typedDuring.filter((line) => !preText.split('\n').includes(line))
  for (const line of lateLines) expect(finalLines).toContain(line)
  expect(finalLines.filter((line) => !typedDuring.includes(line))).toEqual(versionText.split('\n'))

  // The paragraph that came back is credited to the restore, and to who asked for it.
  const { runs, clients: byClient } = (await owner.api.get(`/api/pages/${pageId}/authorship`)).body
  const restoredRuns = runs.filter((r: { restoredFrom?: string }) => r.restoredFrom === versionId)
  expect(restoredRuns.map((r: { text: string }) => r.text).join('')).toContain('Paragraphe d’origine 1.')
  expect(restoredRuns.every((r: { author: { name: string } }) => r.author.name === 'Owner')).toBe(true)
  expect(byClient.some((c: { restoredFrom?: string }) => c.restoredFrom === versionId)).toBe(true)
})
