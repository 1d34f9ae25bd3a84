/**
 * Moving up (issue 15): `pnpm tisserand migrate --from sqlite:… --to postgres://…` copies a
 * single-machine installation (the seed study, pages with bodies, comments, codings) into
 * PostgreSQL and verifies it; a server on the copy serves the same page contents and the same
 * search results. Re-running it is safe; it refuses to overwrite what instances wrote since.
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, expect, test } from 'vitest'
import { type Api, asOwner } from '../support/api.ts'
import { connectClient } from '../support/clients.ts'
import { anchorOf, openThread, threadsOf, writeParagraphs } from '../support/comments.ts'
import { addParagraph } from '../support/edits.ts'
import { repoRoot, startServer, type TestServer, tempDataDir, waitFor } from '../support/server.ts'
import { createDatabase, type TestDatabase } from '../support/services.ts'
import { bodyText, codeByLabel, codeQuote } from '../support/typology.ts'
import { search, waitSearchHit } from '../support/wiki.ts'

const run = promisify(execFile)
const cleanup: (() => Promise<unknown>)[] = []
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {})
})

async function migrate(dataDir: string, url: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'apps/server/src/cli.ts',
        'migrate',
        '--from',
        `sqlite:${path.join(dataDir, 'tisserand.db')}`,
        '--to',
        url,
      ],
      { cwd: repoRoot },
    )
    return { code: 0, out: stdout + stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, out: e.stdout + e.stderr }
  }
}

async function bodyOf(server: TestServer, token: string, pageId: string): Promise<string> {
  const client = connectClient(server.wsUrl, pageId, { token })
  await client.synced
  const body = client.body.toString()
  client.destroy()
  return body
}

async function snapshotOf(server: TestServer, api: Api, token: string, workspaceId: string) {
  const pages = ((await api.get(`/api/workspaces/${workspaceId}/pages`)).body.pages as any[])
    .map((p) => ({ id: p.id, title: p.title, kind: p.kind, parentId: p.parentId }))
    .sort((x, y) => x.id.localeCompare(y.id))
  const bodies: Record<string, string> = {}
  for (const page of pages) bodies[page.id] = await bodyOf(server, token, page.id)
  const results: Record<string, string[]> = {}
  for (const q of ['gouvernance', 'écoles', 'solidarite', 'Fertilisation', 'coop']) {
    // The same pages (FTS5's bm25 and PostgreSQL's ts_rank may order equal-weight hits apart).
    results[q] = (await search(api, workspaceId, q)).map((r) => r.pageId).sort()
  }
  return { pages, bodies, results }
}

test('migrate copies a workspace with bodies, comments and codings; the copy serves the same pages and search', async () => {
  const dataDir = tempDataDir()
  const sqlite = await startServer({ dataDir, store: 'sqlite' })
  cleanup.push(() => sqlite.kill('SIGTERM'))
  const owner = await asOwner(sqlite)
  const pageId = await owner.newPage('Fiche Coopérative des écoles', 'case')
  const { client, paragraphs } = await writeParagraphs(sqlite.wsUrl, owner.token, pageId, [
    'La gouvernance partagée des écoles du quartier.',
    'Une solidarité de voisinage, diffusion par fertilisation.',
  ])
  await waitSearchHit(owner.api, owner.workspaceId, 'solidarite', pageId)
  const thread = await openThread(
    owner.api,
    pageId,
    anchorOf(paragraphs[0] as never, 3, 13),
    'À vérifier',
    'gouvernance',
  )
  expect(thread.status).toBe(201)
  const code = await codeByLabel(owner.api, owner.workspaceId, 'Diffusion par fertilisation')
  await codeQuote(owner.api, pageId, bodyText(client.body), 'diffusion par fertilisation', [code.id])
  client.destroy()
  const before = await snapshotOf(sqlite, owner.api, owner.token, owner.workspaceId)
  const threadsBefore = await threadsOf(owner.api, pageId)
  const passagesBefore = (await owner.api.get(`/api/pages/${pageId}/passages`)).body
  await sqlite.kill('SIGTERM')

  const database: TestDatabase = await createDatabase('migrate')
  cleanup.push(() => database.drop())
  const first = await migrate(dataDir, database.url)
  expect(first.out).toContain('✓')
  expect(first.code).toBe(0)
  // Safe to re-run: the copy is replaced by the same copy.
  const again = await migrate(dataDir, database.url)
  expect(again.out).toContain('✓')
  expect(again.code).toBe(0)

  const pg = await startServer({ dataDir: tempDataDir(), env: { DATABASE_URL: database.url } })
  cleanup.push(() => pg.kill('SIGTERM'))
  const pgOwner = await asOwner(pg)
  expect(pgOwner.workspaceId).toBe(owner.workspaceId)
  const after = await snapshotOf(pg, pgOwner.api, pgOwner.token, pgOwner.workspaceId)
  expect(after.pages).toEqual(before.pages)
  expect(after.bodies).toEqual(before.bodies)
  expect(after.results).toEqual(before.results)
  expect(await threadsOf(pgOwner.api, pageId)).toEqual(threadsBefore)
  expect((await pgOwner.api.get(`/api/pages/${pageId}/passages`)).body).toEqual(passagesBefore)

  // Once instances have written to the copy, a new run refuses to overwrite it.
  const edit = connectClient(pg.wsUrl, pageId, { token: pgOwner.token })
  await edit.synced
  addParagraph(edit.body, 'Écrit sur PostgreSQL.')
  await waitFor(
    async () => (await database.pool.query('SELECT count(*)::int AS n FROM doc_update')).rows[0].n > 0,
    5000,
    'the edit to be stored',
  )
  edit.destroy()
  const refused = await migrate(dataDir, database.url)
  expect(refused.code).toBe(2)
  expect(refused.out).toContain('not overwritten')
  await pg.kill('SIGTERM')
})
