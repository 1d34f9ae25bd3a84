/**
 * Comment threads through the real server: anchors that follow concurrent edits, detached threads
 * that keep their quote, who may do what, and mentions that notify exactly once.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { type Api, asOwner, memberWithRole } from '../support/api.ts'
import { connectClient, type TestClient, waitConverged } from '../support/clients.ts'
import { anchorOf, openThread, threadsOf, writeParagraphs } from '../support/comments.ts'
import { prng } from '../support/edits.ts'
import { startServer, type TestServer, waitFor } from '../support/server.ts'

let server: TestServer
let owner: Api
let token: string
let workspaceId: string
let newPage: (title?: string, kind?: string) => Promise<string>
let commenter: { api: Api; userId: string }
let editor: { api: Api; userId: string }
let viewer: { api: Api; userId: string }

beforeAll(async () => {
  server = await startServer({ env: { UNLOAD_GRACE_MS: '100' } })
  ;({ api: owner, token, workspaceId, newPage } = await asOwner(server))
  commenter = await memberWithRole(server, owner, workspaceId, 'commenter', 'relectrice@example.org')
  editor = await memberWithRole(server, owner, workspaceId, 'editor', 'autrice@example.org')
  viewer = await memberWithRole(server, owner, workspaceId, 'viewer', 'lecteur@example.org')
})
afterAll(async () => {
  await server.kill('SIGTERM')
})

const PASSAGE = 'une gouvernance collaborative'
const SYNTHESIS = [
  'Les sept initiatives étudiées répondent à des besoins matériels précis.',
  `Ce qui les rend nouvelles tient surtout à ${PASSAGE} portée par une vision politique explicite.`,
  'La personne est placée au centre de la réponse.',
]

/** A synthesis page with the passage written by a client, and a thread opened on it by the commenter. */
async function synthesisWithThread() {
  const pageId = await newPage('Synthèse', 'synthesis')
  const { client, paragraphs } = await writeParagraphs(server.wsUrl, token, pageId, SYNTHESIS)
  const text = paragraphs[1] as Y.XmlText
  const from = text.toString().indexOf(PASSAGE)
  const anchor = anchorOf(text, from, from + PASSAGE.length)
  const res = await openThread(commenter.api, pageId, anchor, 'Peut-on préciser ce terme ?', PASSAGE)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return { pageId, client, text, anchor, thread: res.body }
}

/** Where the anchor's passage stands in a client's own copy of the document. */
function passageRange(doc: Y.Doc, anchor: { start: string; end: string }) {
  const at = (encoded: string) =>
    Y.createAbsolutePositionFromRelativePosition(
      Y.decodeRelativePosition(Buffer.from(encoded, 'base64')),
      doc,
    )
  const start = at(anchor.start)
  const end = at(anchor.end)
  if (!start || !end || start.type !== end.type) throw new Error('anchor does not resolve in the client')
  return { text: start.type as Y.XmlText, start: start.index, end: end.index }
}

const WORDS = ['besoins', ' ', 'é', 'voisins', '🙂', 'projet ', 'ç', 'x']

/**
 * One random edit that never touches the passage itself: typing or deleting before it, after it,
 * right at its edges, in other paragraphs, or adding paragraphs around it.
 */
function editAround(doc: Y.Doc, anchor: { start: string; end: string }, random: () => number) {
  const body = doc.getXmlFragment('default')
  const word = WORDS[Math.floor(random() * WORDS.length)] ?? 'x'
  const roll = random()
  doc.transact(() => {
    if (roll < 0.1) {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(word)])
      body.insert(Math.floor(random() * (body.length + 1)), [paragraph])
      return
    }
    if (roll < 0.3) {
      const paragraph = body.get(Math.floor(random() * body.length))
      const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
      if (!(text instanceof Y.XmlText)) return
      const { text: anchored } = passageRange(doc, anchor)
      if (text === anchored) return
      text.insert(Math.floor(random() * (text.length + 1)), word)
      return
    }
    const { text, start, end } = passageRange(doc, anchor)
    const before = random() < 0.5
    if (random() < 0.65) {
      // Typing, sometimes exactly at the passage's edge.
      const edge = random() < 0.3
      const at = before
        ? edge
          ? start
          : Math.floor(random() * (start + 1))
        : edge
          ? end
          : end + Math.floor(random() * (text.length - end + 1))
      text.insert(at, word)
    } else if (before && start > 0) {
      const from = Math.floor(random() * start)
      text.delete(from, Math.min(start - from, 1 + Math.floor(random() * 3)))
    } else if (!before && text.length > end) {
      const from = end + Math.floor(random() * (text.length - end))
      text.delete(from, Math.min(text.length - from, 1 + Math.floor(random() * 3)))
    }
  })
}

describe('anchors', () => {
  test('a thread keeps its passage through 200 random concurrent edits around it by two clients', async () => {
    const { pageId, client: first, anchor, thread } = await synthesisWithThread()
    expect(thread).toMatchObject({ status: 'open', quote: PASSAGE, text: PASSAGE, detached: false })
    const second = connectClient(server.wsUrl, pageId, { token })
    await second.synced
    await waitConverged([first, second])
    const clients: TestClient[] = [first, second]
    const random = prng(20261127)
    for (let i = 0; i < 200; i++) {
      const client = clients[i % 2 === 0 || random() < 0.3 ? 0 : 1] as TestClient
      editAround(client.doc, anchor, random)
      // Short pauses let edits cross in flight, so many are concurrent.
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 3))
    }
    await waitConverged(clients)
    const anchored = passageRange(first.doc, anchor)
    const paragraph = anchored.text.toString()
    expect(paragraph).not.toBe(SYNTHESIS[1])
    expect(paragraph.slice(anchored.start, anchored.end)).toBe(PASSAGE)

    const [seen] = await threadsOf(owner, pageId)
    expect(seen).toMatchObject({ id: thread.id, quote: PASSAGE, text: PASSAGE, detached: false })
    for (const c of clients) c.destroy()
  })

  test('deleting the passage makes the thread detached, with its quote and messages kept', async () => {
    const { pageId, client, text, thread } = await synthesisWithThread()
    const from = text.toString().indexOf(PASSAGE)
    // The passage and a few characters on each side go.
    text.delete(from - 3, PASSAGE.length + 6)
    const detached = await waitFor(async () => {
      const [seen] = await threadsOf(viewer.api, pageId)
      return seen?.detached ? seen : null
    })
    expect(detached).toMatchObject({ id: thread.id, quote: PASSAGE, text: null, status: 'open' })
    expect(detached.messages.map((m: { body: string }) => m.body)).toEqual(['Peut-on préciser ce terme ?'])

    // Typing again where the passage was does not bring it back under the old anchor.
    text.insert(from - 3, PASSAGE)
    const reply = await editor.api.post(`/api/pages/${pageId}/threads/${thread.id}/messages`, {
      body: 'Passage supprimé, je le réécris ailleurs.',
    })
    expect(reply.status).toBe(201)
    expect(reply.body).toMatchObject({ detached: true, quote: PASSAGE })
    client.destroy()

    // Read from storage once no one has the page open (unloaded): still there, still detached.
    await waitFor(async () => {
      const metrics = await (await fetch(`${server.url}/metrics`)).text()
      return /^tisserand_docs_loaded 0$/m.test(metrics)
    })
    const [after] = await threadsOf(owner, pageId)
    expect(after).toMatchObject({ id: thread.id, detached: true, quote: PASSAGE })
    expect(after.messages).toHaveLength(2)
  })

  test('deleting the whole paragraph detaches the thread too', async () => {
    const { pageId, client, thread } = await synthesisWithThread()
    client.body.delete(1, 1)
    const [seen] = await waitFor(async () => {
      const threads = await threadsOf(owner, pageId)
      return threads[0]?.detached ? threads : null
    })
    expect(seen).toMatchObject({ id: thread.id, detached: true, quote: PASSAGE })
    client.destroy()
  })

  test('anchors that do not decode, or select nothing, are refused with 400', async () => {
    const pageId = await newPage()
    const { client, paragraphs } = await writeParagraphs(server.wsUrl, token, pageId, ['Texte'])
    const text = paragraphs[0] as Y.XmlText
    const empty = anchorOf(text, 2, 2)
    const garbage = { start: 'Bw==', end: 'Bw==' }
    await waitFor(async () => {
      const res = await owner.post(`/api/pages/${pageId}/threads`, { anchor: empty, quote: '', body: 'x' })
      return res.status === 409 ? null : res
    }).then((res) => expect(res.status).toBe(400))
    const res = await owner.post(`/api/pages/${pageId}/threads`, { anchor: garbage, quote: '', body: 'x' })
    expect(res.status).toBe(400)
    // A position in content this page's server copy does not have (made in another document).
    const elsewhere = new Y.Doc()
    const other = elsewhere.getXmlFragment('default')
    const p = new Y.XmlElement('paragraph')
    const t = new Y.XmlText('ailleurs')
    p.insert(0, [t])
    other.insert(0, [p])
    const foreign = await owner.post(`/api/pages/${pageId}/threads`, {
      anchor: anchorOf(t, 1, 4),
      quote: 'ill',
      body: 'x',
    })
    expect([400, 409]).toContain(foreign.status)
    client.destroy()
    elsewhere.destroy()
  })
})

describe('who may do what', () => {
  test('viewers read threads but cannot post; commenters resolve only their own; editors any', async () => {
    const { pageId, client, text, thread } = await synthesisWithThread()
    const path = `/api/pages/${pageId}/threads/${thread.id}`
    expect((await viewer.api.get(`/api/pages/${pageId}/threads`)).status).toBe(200)
    expect((await viewer.api.post(`${path}/messages`, { body: 'non' })).status).toBe(403)
    const viewerThread = await viewer.api.post(`/api/pages/${pageId}/threads`, {
      anchor: thread.anchor,
      quote: PASSAGE,
      body: 'non',
    })
    expect(viewerThread.status).toBe(403)
    expect((await viewer.api.post(`${path}/resolve`)).status).toBe(403)

    // The owner opens a second thread; the commenter may reply but not resolve it.
    const from = text.toString().indexOf('vision')
    const ownerThread = (await openThread(owner, pageId, anchorOf(text, from, from + 6), 'Source ?')).body
    const ownerPath = `/api/pages/${pageId}/threads/${ownerThread.id}`
    expect((await commenter.api.post(`${ownerPath}/messages`, { body: 'Voir fiche 3.' })).status).toBe(201)
    const denied = await commenter.api.post(`${ownerPath}/resolve`)
    expect(denied.status).toBe(403)
    expect(denied.body.error.code).toBe('forbidden')

    // The commenter resolves and reopens their own; an editor resolves the owner's.
    expect((await commenter.api.post(`${path}/resolve`)).body).toMatchObject({
      status: 'resolved',
      resolvedBy: { id: commenter.userId },
    })
    expect((await commenter.api.post(`${path}/reopen`)).body).toMatchObject({
      status: 'open',
      resolvedBy: null,
    })
    expect((await editor.api.post(`${ownerPath}/resolve`)).body.status).toBe('resolved')
    const open = (await viewer.api.get(`/api/workspaces/${workspaceId}/threads?status=open`)).body.threads
    expect(open.map((t: { id: string }) => t.id)).toContain(thread.id)
    expect(open.map((t: { id: string }) => t.id)).not.toContain(ownerThread.id)
    const resolved = (await viewer.api.get(`/api/workspaces/${workspaceId}/threads?status=resolved`)).body
      .threads
    expect(resolved.map((t: { id: string }) => t.id)).toContain(ownerThread.id)

    // Messages: edited and deleted by their author only.
    const [first] = thread.messages
    const messagePath = `${path}/messages/${first.id}`
    expect((await editor.api.patch(messagePath, { body: 'modifié' })).status).toBe(403)
    expect((await owner.delete(messagePath)).status).toBe(403)
    const edited = await commenter.api.patch(messagePath, { body: 'Peut-on définir ce terme ?' })
    expect(edited.status).toBe(200)
    expect(edited.body.messages[0]).toMatchObject({ body: 'Peut-on définir ce terme ?', deleted: false })
    expect(edited.body.messages[0].editedAt).toEqual(expect.any(Number))
    const deleted = await commenter.api.delete(messagePath)
    expect(deleted.body.messages[0]).toMatchObject({ body: '', deleted: true })
    expect((await commenter.api.patch(messagePath, { body: 'encore' })).status).toBe(404)
    expect((await threadsOf(owner, pageId)).map((t) => t.id)).toContain(thread.id)
    client.destroy()
  })

  test('bodies are plain text with a length limit: empty or too long is a clear 400', async () => {
    const { pageId, client, thread } = await synthesisWithThread()
    const path = `/api/pages/${pageId}/threads/${thread.id}/messages`
    const empty = await commenter.api.post(path, { body: '  \n ' })
    expect(empty.status).toBe(400)
    expect(empty.body.error).toMatchObject({ code: 'invalid_input', field: 'body' })
    const long = await commenter.api.post(path, { body: 'a'.repeat(4001) })
    expect(long.status).toBe(400)
    expect(long.body.error.message).toContain('4000')
    const html = await commenter.api.post(path, { body: '<b>gras</b>\u0000 <script>x</script>' })
    expect(html.status).toBe(201)
    expect(html.body.messages.at(-1).body).toBe('<b>gras</b> <script>x</script>')
    client.destroy()
  })
})

describe('mentions', () => {
  test('a mention creates exactly one notification for the mentioned member', async () => {
    const { pageId, client, thread } = await synthesisWithThread()
    const before = (await editor.api.get('/api/me/notifications')).body.unread
    const path = `/api/pages/${pageId}/threads/${thread.id}/messages`
    const mention = `@[Autrice](${editor.userId})`
    const reply = await commenter.api.post(path, {
      body: `${mention} pouvez-vous regarder ? ${mention} et @[Moi](${commenter.userId})`,
    })
    expect(reply.status).toBe(201)
    const message = reply.body.messages.at(-1)
    // Editing the message, still mentioning her, does not notify again.
    await commenter.api.patch(`${path}/${message.id}`, { body: `${mention} merci de regarder.` })

    const inbox = (await editor.api.get('/api/me/notifications')).body
    expect(inbox.unread).toBe(before + 1)
    const mine = inbox.notifications.filter((n: { messageId: string }) => n.messageId === message.id)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({
      kind: 'mention',
      pageId,
      threadId: thread.id,
      actor: { id: commenter.userId },
      readAt: null,
    })
    // Nobody else was notified (not the author mentioning herself).
    const own = (await commenter.api.get('/api/me/notifications')).body.notifications
    expect(own.filter((n: { messageId: string }) => n.messageId === message.id)).toHaveLength(0)

    expect((await commenter.api.post(`/api/me/notifications/${mine[0].id}/read`)).status).toBe(404)
    expect((await editor.api.post(`/api/me/notifications/${mine[0].id}/read`)).status).toBe(204)
    expect((await editor.api.get('/api/me/notifications')).body.unread).toBe(before)

    const outsider = await commenter.api.post(path, { body: '@[Inconnu](nobody-here) ?' })
    expect(outsider.status).toBe(400)
    expect(outsider.body.error.code).toBe('invalid_mention')
    client.destroy()
  })
})
