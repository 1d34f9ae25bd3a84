/**
 * `pnpm bench:import` (also a step of `pnpm bench`): importing a 100-page Word document through
 * the real server's HTTP route, as the browser does: time per import (median of RUNS) and the
 * server's peak resident memory (VmHWM, read from /proc), then where the time goes, measured in
 * this process on the same file (unzip under caps and mammoth, cleaning and ProseMirror parsing).
 * The document is written here with the `docx` library: per page a heading, five paragraphs of
 * about 90 words with bold and italic runs, a nested bulleted list; a table every 5 pages, an
 * image every 10. Writes the "Import" section of docs/benchmarks.md. Runs in well under a minute.
 */
import { performance } from 'node:perf_hooks'
import { PageBreak, Paragraph, TextRun } from 'docx'
import { docxToHtml } from '../../apps/server/src/documents/import/docx.ts'
import { htmlToDoc } from '../../apps/server/src/documents/import/html-to-doc.ts'
import { Api, OWNER } from '../support/api.ts'
import { bullet, docxBytes, filesForm, h, image, table } from '../support/import-fixtures.ts'
import { startServer } from '../support/server.ts'
import { writeBenchSection } from './doc-section.ts'
import { processMemory } from './metrics.ts'

const PAGES = Number(process.env.PAGES ?? 100)
const RUNS = Number(process.env.RUNS ?? 3)
const log = (message: string) => process.stdout.write(`[import] ${message}\n`)

const WORDS = (
  'gouvernance collaborative habitants bénévoles besoins matériels liens sociaux proximité épicerie ' +
  'solidaire territoire coopération fusion diffusion autonomie empowerment adaptabilité mise commun ' +
  'quartier association accueil repas logement mobilité insertion emploi formation santé culture'
).split(' ')

let seed = 7
const word = () => {
  seed = (seed * 1103515245 + 12345) >>> 0
  return WORDS[seed % WORDS.length] as string
}
const sentence = (n: number) => Array.from({ length: n }, word).join(' ')

async function hundredPages(): Promise<Uint8Array> {
  const children = []
  for (let page = 1; page <= PAGES; page++) {
    if (page > 1) children.push(new Paragraph({ children: [new PageBreak()] }))
    children.push(h(2, `Section ${page} — ${sentence(3)}`))
    for (let i = 0; i < 5; i++)
      children.push(
        new Paragraph({
          children: [
            new TextRun(`${sentence(40)} `),
            new TextRun({ text: sentence(5), bold: true }),
            new TextRun(` ${sentence(40)} `),
            new TextRun({ text: sentence(5), italics: true }),
          ],
        }),
      )
    children.push(
      bullet(0, sentence(8)),
      bullet(1, sentence(8)),
      bullet(1, sentence(8)),
      bullet(0, sentence(8)),
    )
    if (page % 5 === 0) children.push(table([0, 1, 2, 3].map(() => [sentence(2), sentence(3), sentence(2)])))
    if (page % 10 === 0) children.push(image())
  }
  return docxBytes(children)
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

async function main() {
  const bytes = await hundredPages()
  log(`document: ${PAGES} pages, ${(bytes.length / 1024).toFixed(0)} KiB`)

  const server = await startServer()
  const rows: string[] = []
  try {
    const owner = await Api.forServer(server).login(OWNER.email, OWNER.password)
    const workspaceId = (await owner.get('/api/workspaces')).body[0].id as string
    const pid = server.proc.pid as number
    const before = processMemory(pid)
    const times: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const form = filesForm([{ name: `rapport-${run}.docx`, bytes }])
      const start = performance.now()
      const res = await owner.request('POST', `/api/workspaces/${workspaceId}/import`, form)
      const ms = performance.now() - start
      if (res.status !== 201) throw new Error(`import failed: ${res.status} ${JSON.stringify(res.body)}`)
      times.push(ms)
      log(`run ${run + 1}: ${ms.toFixed(0)} ms`)
    }
    const after = processMemory(pid)
    rows.push(
      '| measure | value |',
      '| --- | --- |',
      `| document | ${PAGES} pages, ${(bytes.length / 1024).toFixed(0)} KiB .docx (WORDS words; ${Math.floor(PAGES / 5)} tables, ${Math.floor(PAGES / 10)} images) |`,
      `| import through HTTP, median of ${RUNS} | ${median(times).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms) |`,
      `| server resident memory before the first import | ${mb(before.rssBytes)} (peak so far ${mb(before.peakRssBytes)}) |`,
      `| server peak resident memory after ${RUNS} imports (VmHWM) | ${mb(after.peakRssBytes)} |`,
    )
  } finally {
    await server.kill('SIGTERM')
  }

  // Where the time goes, in this process.
  const t0 = performance.now()
  const converted = await docxToHtml(bytes, { maxUnzippedBytes: 256 * 1024 ** 2, maxEntries: 5000 })
  const t1 = performance.now()
  const { doc } = htmlToDoc(converted.html, (src) => (src.startsWith('import-image:') ? 0 : null))
  const t2 = performance.now()
  const words = converted.html
    .replace(/<[^>]+>/g, ' ')
    .split(/\s+/)
    .filter(Boolean).length
  rows[2] = (rows[2] as string).replace('WORDS', words.toLocaleString('en'))
  rows.push(
    `| in this process, once: unzip under caps + mammoth | ${(t1 - t0).toFixed(0)} ms, ${(converted.html.length / 1024).toFixed(0)} KiB of HTML |`,
    `| in this process, once: cleaning + ProseMirror parse | ${(t2 - t1).toFixed(0)} ms, ${doc.content?.length ?? 0} top-level blocks |`,
  )
  const body = `${rows.join('\n')}\n\nMeasured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench:import\` (tests/bench/import.ts) on this project's 2-core machine, shared with other work: read the numbers as orders of magnitude. The rest of an import's time is storing the body (one Yjs update through PageDocs.write), deriving it (search, links) and capturing its \`import\` version.`
  writeBenchSection('import', 'Import of a 100-page Word document', body)
  log('docs/benchmarks.md updated')
}

await main()
