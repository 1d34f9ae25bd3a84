/** The page tree through the real server: move, reorder, cycles, trash, delete for good, roles, events. */
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from 'vitest'
import { type Api, memberWithRole } from '../support/api.ts'
import { connectClient } from '../support/clients.ts'
import { ownerServer } from '../support/fixture.ts'
import { waitFor } from '../support/server.ts'
import { writeParagraph } from '../support/wiki.ts'

// Pages unload soon after their last socket closes: a deleted page must not be written back then.
const fx = ownerServer({ env: { UNLOAD_GRACE_MS: '200' } })

const tree = async (api: Api = fx.owner) =>
  (await api.get(`/api/workspaces/${fx.workspaceId}/pages`)).body.pages as any[]
const childrenOf = async (parentId: string | null) =>
  (await tree())
    .filter((p) => p.parentId === parentId)
    .sort((a, b) => a.position - b.position)
    .map((p) => p.id)

test('every page of the tree carries parentId, kind and position; the template is not in it', async () => {
  const pages = await tree()
  expect(pages.length).toBeGreaterThan(0)
  for (const page of pages) {
    expect(page).toHaveProperty('parentId')
    expect(['case', 'synthesis', 'note']).toContain(page.kind)
    expect(typeof page.position).toBe('number')
  }
})

test('move under another page, reorder among siblings, back to the root', async () => {
  const section = await fx.newPage('Section')
  const a = await fx.newPage('A')
  const b = await fx.newPage('B')
  expect((await fx.owner.patch(`/api/pages/${a}`, { parentId: section })).status).toBe(200)
  expect((await fx.owner.patch(`/api/pages/${b}`, { parentId: section })).status).toBe(200)
  expect(await childrenOf(section)).toEqual([a, b])

  const [first] = (await tree()).filter((p) => p.id === a)
  const res = await fx.owner.patch(`/api/pages/${b}`, { position: first.position - 1 })
  expect(res.body).toMatchObject({ id: b, parentId: section })
  expect(await childrenOf(section)).toEqual([b, a])

  await fx.owner.patch(`/api/pages/${a}`, { parentId: null })
  expect(await childrenOf(section)).toEqual([b])
  expect(await childrenOf(null)).toContain(a)
})

test('a move that would make a cycle is refused with 400 cycle', async () => {
  const top = await fx.newPage('Haut')
  const middle = await fx.newPage('Milieu')
  const bottom = await fx.newPage('Bas')
  await fx.owner.patch(`/api/pages/${middle}`, { parentId: top })
  await fx.owner.patch(`/api/pages/${bottom}`, { parentId: middle })
  for (const target of [bottom, middle, top]) {
    const res = await fx.owner.patch(`/api/pages/${top}`, { parentId: target })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('cycle')
  }
  expect((await tree()).find((p) => p.id === top).parentId).toBeNull()
})

test('a parent from another workspace is refused', async () => {
  const other = (await fx.owner.post('/api/workspaces', { name: 'Ailleurs' })).body.id
  const foreign = (await fx.owner.post(`/api/workspaces/${other}/pages`, { title: 'Loin', kind: 'note' }))
    .body.id
  const page = await fx.newPage('Ici')
  const res = await fx.owner.patch(`/api/pages/${page}`, { parentId: foreign })
  expect(res.status).toBe(400)
  expect(res.body.error.code).toBe('invalid_parent')
})

test('archive takes the subtree to the trash; restore brings it back', async () => {
  const parent = await fx.newPage('Dossier')
  const child = await fx.newPage('Enfant')
  await fx.owner.patch(`/api/pages/${child}`, { parentId: parent })

  const archived = await fx.owner.post(`/api/pages/${parent}/archive`)
  expect(archived.status).toBe(200)
  expect(archived.body.pageIds.sort()).toEqual([parent, child].sort())
  const live = (await tree()).map((p) => p.id)
  expect(live).not.toContain(parent)
  expect(live).not.toContain(child)
  const trash = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/trash`)).body.pages
  const entry = trash.find((p: any) => p.id === parent)
  expect(entry).toMatchObject({ id: parent, descendantCount: 1 })
  expect(trash.find((p: any) => p.id === child)).toBeUndefined()

  const restored = await fx.owner.post(`/api/pages/${parent}/restore`)
  expect(restored.status).toBe(200)
  expect(await childrenOf(parent)).toEqual([child])
  expect((await fx.owner.post(`/api/pages/${parent}/restore`)).body.error.code).toBe('not_in_trash')
})

test('roles: editors move and archive, commenters and viewers cannot, only owners delete for good', async () => {
  const editor = await memberWithRole(
    fx.server,
    fx.owner,
    fx.workspaceId,
    'editor',
    'tree-editor@example.org',
  )
  const viewer = await memberWithRole(
    fx.server,
    fx.owner,
    fx.workspaceId,
    'viewer',
    'tree-viewer@example.org',
  )
  const commenter = await memberWithRole(
    fx.server,
    fx.owner,
    fx.workspaceId,
    'commenter',
    'tree-commenter@example.org',
  )
  const page = await fx.newPage('Rôles')
  expect((await editor.api.patch(`/api/pages/${page}`, { position: 0.5 })).status).toBe(200)
  for (const member of [viewer, commenter]) {
    expect((await member.api.patch(`/api/pages/${page}`, { position: 2 })).status).toBe(403)
    expect((await member.api.post(`/api/pages/${page}/archive`)).status).toBe(403)
  }
  expect((await editor.api.post(`/api/pages/${page}/archive`)).status).toBe(200)
  expect((await editor.api.delete(`/api/pages/${page}`)).status).toBe(403)
  expect((await viewer.api.get(`/api/workspaces/${fx.workspaceId}/trash`)).status).toBe(200)
  expect((await fx.owner.delete(`/api/pages/${page}`)).status).toBe(204)
  expect((await fx.owner.get(`/api/pages/${page}`)).status).toBe(404)
})

test('delete forever removes the page, its subtree and their document rows', async () => {
  const parent = await fx.newPage('À supprimer')
  const child = await fx.newPage('Sous-page')
  await fx.owner.patch(`/api/pages/${child}`, { parentId: parent })
  const client = connectClient(fx.server.wsUrl, child, { token: fx.token })
  await client.synced
  writeParagraph(client, 'Un texte qui doit disparaître')
  const db = new Database(path.join(fx.server.dataDir, 'tisserand.db'), { readonly: true })
  const rows = (id: string) =>
    (db.prepare('SELECT count(*) AS n FROM doc_update WHERE doc_name = ?').get(id) as { n: number }).n +
    (db.prepare('SELECT count(*) AS n FROM doc_snapshot WHERE doc_name = ?').get(id) as { n: number }).n
  await waitFor(() => rows(child) > 0, 5000, 'the edit to be stored')

  expect((await fx.owner.delete(`/api/pages/${parent}`)).status).toBe(204)
  expect((await fx.owner.get(`/api/pages/${child}`)).status).toBe(404)
  expect(rows(child)).toBe(0)
  // Past the unload grace: the closed room must not have written a snapshot back.
  await new Promise((resolve) => setTimeout(resolve, 1000))
  expect(rows(child)).toBe(0)
  expect(rows(parent)).toBe(0)
  db.close()
  client.destroy()
})

test('tree changes are published on the workspace event stream', async () => {
  const controller = new AbortController()
  const response = await fetch(`${fx.server.url}/api/workspaces/${fx.workspaceId}/events`, {
    headers: { cookie: fx.owner.cookie ?? '' },
    signal: controller.signal,
  })
  const seen: any[] = []
  void (async () => {
    const decoder = new TextDecoder()
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        for (const line of decoder.decode(chunk).split('\n'))
          if (line.startsWith('data: ')) seen.push(JSON.parse(line.slice(6)))
      }
    } catch {}
  })()
  const page = await fx.newPage('Événements')
  await fx.owner.patch(`/api/pages/${page}`, { position: 42 })
  await fx.owner.post(`/api/pages/${page}/archive`)
  await fx.owner.post(`/api/pages/${page}/restore`)
  await fx.owner.delete(`/api/pages/${page}`)
  for (const type of ['page.created', 'page.updated', 'page.archived', 'page.restored', 'page.deleted'])
    await waitFor(() => seen.find((e) => e.type === type && e.pageId === page), 5000, type)
  controller.abort()
})
