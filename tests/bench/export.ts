/**
 * Export of a 200-page workspace dossier as DOCX and as PDF through the real server: wall time
 * of the download and the server's peak memory (VmHWM, a fresh process for each format so each
 * peak is its own). The pages are case sheets (headings, paragraphs, a list, a 3×3 table, case
 * properties, every tenth an image) written through the server's own write path before it starts.
 *
 *   pnpm bench:export            (PAGES=200 by default; under a minute on two cores)
 *
 * Writes the "Export" section of docs/benchmarks.md, leaving other sections alone.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Files } from '../../apps/server/src/files/index.ts'
import { createPageServices } from '../../apps/server/src/pages/index.ts'
import { SqliteDocStore } from '../../apps/server/src/store/doc-store-sqlite.ts'
import { openSqlite } from '../../apps/server/src/store/sqlite.ts'
import { storedPageDocs } from '../../apps/server/src/sync/page-docs.ts'
import { Api, OWNER } from '../support/api.ts'
import { PNG } from '../support/files.ts'
import { startServer } from '../support/server.ts'
import { writeBenchSection } from './doc-section.ts'
import { seededWorkspaceAndOwner, silentLogger } from './fresh-install.ts'
import { processMemory } from './metrics.ts'

const FORMATS = ['docx', 'pdf'] as const

export interface ExportBenchRow {
  format: (typeof FORMATS)[number]
  seconds: number
  bytes: number
  peakBeforeBytes: number
  peakAfterBytes: number
}

const WORDS = [
  'gouvernance',
  'solidarité',
  'habitants',
  'bénévoles',
  'quartier',
  'épicerie',
  'coopération',
  'autonomie',
  'échelle',
  'besoins',
  'collectivité',
  'réseau',
  'entraide',
  'œuvre',
  'accueil',
]
let seed = 7
const random = () => {
  seed = (seed * 16807) % 2147483647
  return seed / 2147483647
}
const sentence = () =>
  `${Array.from({ length: 10 + Math.floor(random() * 10) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')}.`

const text = (s: string) => ({ type: 'text', text: s })
const paragraph = (s: string) => ({ type: 'paragraph', content: [text(s)] })
const cell = (type: string, s: string) => ({ type, content: [paragraph(s)] })

function caseBody(i: number, imageSrc: string) {
  const content: unknown[] = []
  for (const section of ['Présentation de l’initiative', 'Acteurs et territoire', 'Besoins', 'Gouvernance']) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: [text(section)] })
    for (let p = 0; p < 3; p++) content.push(paragraph(Array.from({ length: 4 }, sentence).join(' ')))
  }
  content.push({
    type: 'bulletList',
    content: [1, 2, 3].map((n) => ({ type: 'listItem', content: [paragraph(`Point ${n} : ${sentence()}`)] })),
  })
  content.push({
    type: 'table',
    content: [
      { type: 'tableRow', content: ['Acteur', 'Rôle', 'Année'].map((s) => cell('tableHeader', s)) },
      { type: 'tableRow', content: ['Mairie', 'Locaux', '2019'].map((s) => cell('tableCell', s)) },
      {
        type: 'tableRow',
        content: ['Bénévoles', 'Accueil', `${2000 + (i % 25)}`].map((s) => cell('tableCell', s)),
      },
    ],
  })
  if (i % 10 === 0) content.push({ type: 'image', attrs: { src: imageSrc, alt: 'Schéma' } })
  return { type: 'doc', content }
}

/** Writes `pages` case sheets, then exports the dossier once per format, each on a fresh server. */
export async function runExportBench(pages: number): Promise<ExportBenchRow[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tisserand-bench-export-'))
  // A real install first: migrations, the owner, the seed study.
  let server = await startServer({ dataDir })
  await server.kill()

  const sqlite = await openSqlite(dataDir)
  const store = new SqliteDocStore(sqlite.raw)
  const logger = silentLogger()
  const services = createPageServices({
    db: sqlite.db,
    store,
    docs: storedPageDocs(store),
    logger,
    written: async () => {},
  })
  const { workspaceId, ownerId } = await seededWorkspaceAndOwner(sqlite.db)
  const files = new Files(sqlite.db, dataDir, async () => 'owner')
  const image = await files.upload({
    workspaceId,
    userId: ownerId,
    name: 'schema.png',
    bytes: PNG,
  })
  const folder = await services.pages.create({
    workspaceId,
    title: 'Cas du banc d’essai',
    kind: 'note',
    createdBy: ownerId,
  })
  for (let i = 0; i < pages; i++) {
    const page = await services.pages.create({
      workspaceId,
      parentId: folder.id,
      title: `Fiche ${i + 1} — ${WORDS[i % WORDS.length]}`,
      kind: 'case',
      createdBy: ownerId,
    })
    await services.bodies.writeInitialJson(page.id, caseBody(i, image.url))
    await services.properties.patch(page.id, {
      territory: 'Grenoble',
      yearFounded: 2000 + (i % 25),
      needsOrigin: 'both',
    })
  }
  await sqlite.close()

  const rows: ExportBenchRow[] = []
  for (const format of FORMATS) {
    server = await startServer({ dataDir })
    const api = await Api.forServer(server).login(OWNER.email, OWNER.password)
    const pid = server.proc.pid as number
    const before = processMemory(pid)
    const started = performance.now()
    const res = await api.getBytes(`/api/workspaces/${workspaceId}/export?format=${format}`)
    const seconds = (performance.now() - started) / 1000
    const after = processMemory(pid)
    await server.kill()
    if (res.status !== 200) throw new Error(`${format} export failed: ${res.status}`)
    rows.push({
      format,
      seconds,
      bytes: res.bytes.length,
      peakBeforeBytes: before.peakRssBytes,
      peakAfterBytes: after.peakRssBytes,
    })
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
  return rows
}

async function main(): Promise<void> {
  const PAGES = Number(process.env.PAGES ?? 200)
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0)
  const rows = (await runExportBench(PAGES)).map(
    (r) =>
      `| ${r.format.toUpperCase()} | ${r.seconds.toFixed(1)} s | ${(r.bytes / 1024 / 1024).toFixed(1)} MB | ${mb(r.peakBeforeBytes)} MB | ${mb(r.peakAfterBytes)} MB |`,
  )
  const report = [
    `Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench:export\` (tests/bench/export.ts) on this`,
    `machine (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}): the study dossier`,
    `(\`GET /api/workspaces/:id/export\`) of the seeded workspace plus ${PAGES} generated case sheets`,
    '(4 sections of 3 paragraphs, a list, a 3×3 table, case properties, an image in every tenth),',
    'downloaded whole by one client. Peak memory is the server process’s VmHWM, read before the',
    'request (after start-up and sign-in) and after it; each format gets a fresh server process.',
    '',
    '| format | time | file | server peak before | server peak after |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n')
  process.stdout.write(`${report}\n`)
  writeBenchSection('export-bench', 'Export', report)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
