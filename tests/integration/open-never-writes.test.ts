/**
 * Opening a page is not editing it: an editor's stock y-websocket client that syncs a page, stays
 * three seconds and leaves stores no update and adds no recent change. Every page kind is opened,
 * the pages the server wrote itself (seed study, case sheet from the template) included.
 * (The browser side of the same promise, with TipTap's rules in play, is tests/e2e/writing.spec.ts.)
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from 'vitest'
import { memberWithRole } from '../support/api.ts'
import { connectClient } from '../support/clients.ts'
import { ownerServer } from '../support/fixture.ts'

const fx = ownerServer({ env: { DERIVE_QUIET_MS: '200' } })

interface PageRow {
  id: string
  title: string
  kind: string
}

test('an editor who only opens a page stores nothing and appears in no recent change', async () => {
  const editor = await memberWithRole(fx.server, fx.owner, fx.workspaceId, 'editor', 'lecture@example.org')
  const token = (await editor.api.post<{ token: string }>('/api/tokens', { name: 'lecture' })).body.token
  await fx.newPage('Fiche ouverte sans écrire', 'case')
  await fx.newPage('Synthèse ouverte', 'synthesis')
  await fx.newPage('Note ouverte', 'note')
  const pages = (await fx.owner.get<{ pages: PageRow[] }>(`/api/workspaces/${fx.workspaceId}/pages`)).body
    .pages
  const kinds = new Set(pages.map((p) => p.kind))
  for (const kind of ['case', 'synthesis', 'note']) expect(kinds).toContain(kind)
  // The seed study: its guide, synthesis and typology pages are among those opened.
  for (const title of ['Synthèse', 'Typologie']) expect(pages.map((p) => p.title)).toContain(title)

  const db = new Database(path.join(fx.server.dataDir, 'tisserand.db'), { readonly: true })
  const stored = (pageId: string) =>
    db
      .prepare(
        `SELECT (SELECT count(*) FROM doc_update WHERE doc_name = ?) AS updates,
                (SELECT hex(data) FROM doc_snapshot WHERE doc_name = ?) AS snapshot`,
      )
      .get(pageId, pageId)
  const changes = async () =>
    (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/changes?limit=100`)).body.changes
  const before = new Map(pages.map((p) => [p.id, stored(p.id)]))
  const changesBefore = await changes()

  const clients = pages.map((p) => connectClient(fx.server.wsUrl, p.id, { token }))
  await Promise.all(clients.map((c) => c.synced))
  // Pages the server wrote arrived with their content (a client that saw nothing would prove nothing).
  // (A body the server wrote is stored as log rows, or as a snapshot once its room was unloaded.)
  const written = pages.filter((p) => {
    const row = before.get(p.id) as { updates: number; snapshot: string | null }
    return row.updates > 0 || row.snapshot !== null
  })
  expect(written.map((p) => p.kind)).toEqual(expect.arrayContaining(['case', 'synthesis', 'note']))
  for (const [index, client] of clients.entries())
    if (written.includes(pages[index] as PageRow))
      expect(client.body.length, `body of ${pages[index]?.title}`).toBeGreaterThan(0)
  await new Promise((resolve) => setTimeout(resolve, 3000))
  for (const client of clients) client.destroy()
  // Time for anything the server does after a client leaves (derivations, hooks) to run.
  await new Promise((resolve) => setTimeout(resolve, 500))

  for (const p of pages) expect(stored(p.id), `${p.kind} « ${p.title} »`).toEqual(before.get(p.id))
  expect(await changes()).toEqual(changesBefore)
  db.close()
})
