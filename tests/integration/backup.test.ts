/**
 * `pnpm tisserand backup / restore / verify`: an online backup while three clients type, restored
 * into an empty DATA_DIR, verified, and served again by a new server with the same pages.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, expect, test } from 'vitest'
import { Api, asOwner, OWNER } from '../support/api.ts'
import { paragraphs, syncedClients } from '../support/clients.ts'
import { repoRoot, startServer, type TestServer, tempDataDir } from '../support/server.ts'
import { writeParagraph } from '../support/wiki.ts'

let servers: TestServer[] = []
const clients = syncedClients()
afterEach(async () => {
  clients.destroyAll()
  for (const server of servers.splice(0)) await server.kill('SIGKILL')
})

function tisserand(dataDir: string, ...args: string[]) {
  const { INIT_CWD: _ignored, ...env } = process.env
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'apps/server/src/cli.ts'), ...args],
    {
      cwd: repoRoot,
      env: { ...env, DATA_DIR: dataDir },
      encoding: 'utf8',
    },
  )
  return { code: result.status, out: `${result.stdout}${result.stderr}` }
}

test('a backup taken while three clients type restores into an empty DATA_DIR, verifies, and serves the same pages', async () => {
  const server = await startServer({ env: { COMPACT_THRESHOLD: '20' } })
  servers.push(server)
  const { api, token, newPage, workspaceId } = await asOwner(server)
  const pageIds = [
    await newPage('Fiche A', 'case'),
    await newPage('Synthèse B', 'synthesis'),
    await newPage('Note C'),
  ]
  const writers = await Promise.all(pageIds.map((id) => clients.connect(server.wsUrl, id, token)))
  let typing = true
  const typed = writers.map(async (writer, w) => {
    for (let i = 0; typing; i++) {
      writeParagraph(writer, `Écrit par le client ${w}, ligne ${i}`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  })
  await new Promise((resolve) => setTimeout(resolve, 500))
  const before = await Promise.all(pageIds.map((id) => clients.connect(server.wsUrl, id, token)))
  const paragraphsBefore = before.map((c) => c.body.length)

  const dest = path.join(tempDataDir('tisserand-backup-'), 'copy')
  const backup = tisserand(server.dataDir, 'backup', dest)
  expect(backup.code, backup.out).toBe(0)
  typing = false
  await Promise.all(typed)
  expect(tisserand(server.dataDir, 'verify').code).toBe(0)

  // A backup never lands on something: an existing, non-empty destination is refused.
  expect(tisserand(server.dataDir, 'backup', dest).code).toBe(2)

  const restoredDir = tempDataDir('tisserand-restored-')
  fs.writeFileSync(path.join(restoredDir, 'keep.txt'), 'not empty')
  expect(tisserand(restoredDir, 'restore', dest).code).toBe(2)
  fs.rmSync(path.join(restoredDir, 'keep.txt'))
  const restored = tisserand(restoredDir, 'restore', dest)
  expect(restored.code, restored.out).toBe(0)
  const verified = tisserand(restoredDir, 'verify')
  expect(verified.code, verified.out).toBe(0)
  expect(verified.out).toMatch(/✓ \d+ pages verified/)

  const again = await startServer({ dataDir: restoredDir })
  servers.push(again)
  const owner = await Api.forServer(again).login(OWNER.email, OWNER.password)
  const listed = (await owner.get(`/api/workspaces/${workspaceId}/pages`)).body.pages.map(
    (p: { id: string }) => p.id,
  )
  const original = (await api.get(`/api/workspaces/${workspaceId}/pages`)).body.pages.map(
    (p: { id: string }) => p.id,
  )
  expect(listed.sort()).toEqual(original.sort())
  const token2 = (await owner.post('/api/tokens', { name: 'after restore' })).body.token
  for (const [i, pageId] of pageIds.entries()) {
    const reader = await clients.connect(again.wsUrl, pageId, token2)
    const live = writers[i]
    if (!live) throw new Error('no writer')
    // Everything typed before the backup started is there, and nothing that was never typed.
    expect(reader.body.length).toBeGreaterThanOrEqual(paragraphsBefore[i] ?? 0)
    // Writers only append: the restored page is the live page as it was at some point in the backup.
    const restoredParagraphs = paragraphs(reader.body)
    expect(paragraphs(live.body).slice(0, restoredParagraphs.length)).toEqual(restoredParagraphs)
  }
})

test('verify reports a page whose stored row does not decode, and exits 1', async () => {
  const server = await startServer()
  servers.push(server)
  const { newPage } = await asOwner(server)
  const pageId = await newPage('Page abîmée')
  await server.kill('SIGTERM')
  servers = []
  const raw = new BetterSqlite3(path.join(server.dataDir, 'tisserand.db'))
  raw
    .prepare('INSERT INTO doc_update (doc_name, data, created_at) VALUES (?, ?, ?)')
    .run(pageId, Buffer.from([1, 2, 3, 250]), Date.now())
  raw.close()
  const result = tisserand(server.dataDir, 'verify')
  expect(result.code, result.out).toBe(1)
  expect(result.out).toContain(`${pageId}: stored row`)
})
