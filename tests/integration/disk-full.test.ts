/**
 * A full disk: with DATA_DIR on a small tmpfs that fills up, the server refuses new updates (the
 * sender is closed with 4507), keeps serving reads, logs it once, accepts again once space is
 * freed, loses nothing it had accepted, and the client's unsent edit arrives after recovery.
 * Mounting needs root: CI runs as root, so the test never skips there.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { CloseCode } from '../../packages/sync-protocol/src/index.ts'
import { asOwner } from '../support/api.ts'
import { paragraphs, syncedClients } from '../support/clients.ts'
import { startServer, type TestServer, waitFor } from '../support/server.ts'
import { writeParagraph } from '../support/wiki.ts'

const isRoot = process.getuid?.() === 0
if (!isRoot && process.env.CI)
  throw new Error('the disk-full test needs root to mount a tmpfs, and CI runs as root')
if (!isRoot) console.warn('disk-full test skipped: mounting a tmpfs needs root (it runs in CI)')

const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'tisserand-tmpfs-'))
let server: TestServer | null = null
const clients = syncedClients()

beforeAll(() => {
  if (isRoot) execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mountPoint])
})
afterAll(async () => {
  clients.destroyAll()
  await server?.kill('SIGKILL')
  if (isRoot) execFileSync('umount', ['-l', mountPoint])
})

/** Fills the filesystem with a file until it refuses more; returns the file to free space. */
function fillDisk(file: string): void {
  const chunk = Buffer.alloc(256 * 1024, 7)
  const fd = fs.openSync(file, 'w')
  try {
    for (;;) fs.writeSync(fd, chunk)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
    // The last bytes too: SQLite's WAL can otherwise squeeze a few pages into what is left.
    const small = Buffer.alloc(512, 7)
    try {
      for (;;) fs.writeSync(fd, small)
    } catch {}
  } finally {
    fs.closeSync(fd)
  }
}

test.skipIf(!isRoot)(
  'a full disk refuses updates without losing any, serves reads, and recovers',
  async () => {
    const dataDir = path.join(mountPoint, 'data')
    server = await startServer({ dataDir, env: { DERIVE_QUIET_MS: '60000' } })
    const { api, token, newPage, workspaceId } = await asOwner(server)
    const pageId = await newPage('Fiche sur un disque plein')
    const writer = await clients.connect(server.wsUrl, pageId, token)
    const reader = await clients.connect(server.wsUrl, pageId, token)
    for (let i = 0; i < 5; i++) writeParagraph(writer, `Avant ${i}`)
    await waitFor(() => reader.body.length === 5, 5000, 'the first paragraphs echoed')

    const filler = path.join(mountPoint, 'filler.bin')
    fillDisk(filler)
    const closes: number[] = []
    writer.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closes.push(event.code)
    })
    writeParagraph(writer, 'Écrit quand le disque est plein')
    await waitFor(() => closes.includes(CloseCode.storageFull), 10_000, 'the writer to be told: not saved')
    // Not stored, so never broadcast: the other client does not have it.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(paragraphs(reader.body)).toHaveLength(5)
    // Reads go on: the API answers, and a new client loads the page.
    expect((await api.get(`/api/workspaces/${workspaceId}/pages`)).status).toBe(200)
    const late = await clients.connect(server.wsUrl, pageId, token)
    expect(paragraphs(late.body)).toHaveLength(5)
    // The writer retries on its own; the failure is logged once however often.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    expect(closes.filter((c) => c === CloseCode.storageFull).length).toBeGreaterThanOrEqual(2)
    expect(server.logs.filter((line) => line.includes('storage full')).length).toBe(1)

    fs.rmSync(filler)
    await waitFor(
      () => reader.body.toString().includes('Écrit quand le disque est plein'),
      15_000,
      'the unsent edit after recovery',
    )
    expect(server.logs.some((line) => line.includes('storage available again'))).toBe(true)

    // Nothing accepted is lost: a crash and a restart show every paragraph.
    clients.destroyAll()
    await server.kill('SIGKILL')
    server = await server.restart()
    const after = await clients.connect(server.wsUrl, pageId, token)
    expect(paragraphs(after.body).map((p) => p.replace(/<\/?paragraph>/g, ''))).toEqual([
      'Avant 0',
      'Avant 1',
      'Avant 2',
      'Avant 3',
      'Avant 4',
      'Écrit quand le disque est plein',
    ])
  },
)
