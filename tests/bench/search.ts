/**
 * Search latency over 10,000 generated French pages (search/corpus.ts: a Zipf-distributed
 * vocabulary of 60,000 words): p50/p95 through the real server's HTTP API (what a search box
 * sees) and of the index alone, the worst case of a word found in every page, and how long
 * indexing took.
 * Pages go through the server's own derive path (body → Y.Doc → ProseMirror → passes), written
 * straight into a data directory, then the real server is started on it.
 *
 *   pnpm bench:search            (PAGES=10000 QUERIES=400 by default; KEEP_DIR=path keeps the
 *                                generated data directory there and reuses it on the next run)
 *
 * Writes its numbers to the "Search" section of docs/benchmarks.md, leaving other sections alone.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PageIndexer } from '../../apps/server/src/derive/page-indexer.ts'
import { createPageServices } from '../../apps/server/src/pages/index.ts'
import { SqliteSearchIndex } from '../../apps/server/src/search/sqlite-search-index.ts'
import { SqliteDocStore } from '../../apps/server/src/store/doc-store-sqlite.ts'
import { openSqlite } from '../../apps/server/src/store/sqlite.ts'
import { storedPageDocs } from '../../apps/server/src/sync/page-docs.ts'
import { createWiki } from '../../apps/server/src/wiki/index.ts'
import { Api, OWNER } from '../support/api.ts'
import { startServer } from '../support/server.ts'
import { writeBenchSection } from './doc-section.ts'
import { seededWorkspaceAndOwner, silentLogger } from './fresh-install.ts'
import { createRng } from './prng.ts'
import { createCorpus, EVERYWHERE } from './search/corpus.ts'

const PAGES = Number(process.env.PAGES ?? 10_000)
const QUERIES = Number(process.env.QUERIES ?? 400)
const SEED = 20_251_126

const random = createRng(SEED)
const corpus = createCorpus(random)
const kinds = ['case', 'synthesis', 'note'] as const

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN }
}

const ms = (n: number) => `${n.toFixed(2)} ms`

const WORST_CASE = [EVERYWHERE, EVERYWHERE.slice(0, 4).toLowerCase(), `${EVERYWHERE} rencontre`]

/** Writes PAGES generated pages into a fresh install's data directory, through the derive path. */
async function generate(dataDir: string): Promise<{ workspaceId: string; indexSeconds: number }> {
  // A real install: migrations, owner, seed study.
  const server = await startServer({ dataDir })
  await server.kill()
  const sqlite = await openSqlite(dataDir)
  const store = new SqliteDocStore(sqlite.raw)
  const docs = storedPageDocs(store)
  const logger = silentLogger()
  const search = new SqliteSearchIndex(sqlite.raw)
  const written = async () => {}
  const { pages, bodies, ...pageServices } = createPageServices({
    db: sqlite.db,
    store,
    docs,
    logger,
    written,
  })
  const wiki = createWiki({ db: sqlite.db, pages: { pages, bodies, ...pageServices }, search, written })
  const indexer = new PageIndexer((pageId) => pages.get(pageId), docs, logger)
  for (const pass of wiki.passes) indexer.register(pass)
  const { workspaceId, ownerId } = await seededWorkspaceAndOwner(sqlite.db)
  const started = performance.now()
  for (let i = 0; i < PAGES; i++) {
    const page = await pages.create({
      workspaceId,
      title: corpus.pageTitle(i),
      kind: kinds[Math.floor(random() * kinds.length)] as (typeof kinds)[number],
      createdBy: ownerId,
    })
    await bodies.writeInitialJson(page.id, corpus.pageBody())
    await indexer.derive(page.id)
    if ((i + 1) % 1000 === 0) process.stdout.write(`indexed ${i + 1}/${PAGES}\n`)
  }
  const indexSeconds = (performance.now() - started) / 1000
  await sqlite.close()
  return { workspaceId, indexSeconds }
}

async function main(): Promise<void> {
  const keep = process.env.KEEP_DIR
  const dataDir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tisserand-bench-search-'))
  const marker = path.join(dataDir, 'bench-corpus.json')
  let generated: { workspaceId: string; indexSeconds: number }
  if (keep && fs.existsSync(marker)) generated = JSON.parse(fs.readFileSync(marker, 'utf8'))
  else {
    generated = await generate(dataDir)
    if (keep) fs.writeFileSync(marker, JSON.stringify(generated))
  }
  const { workspaceId, indexSeconds } = generated

  // The index alone, then through HTTP on the real server, signed in like the browser.
  const qs = corpus.queries(QUERIES)
  const worst = Array.from({ length: 20 }, (_, i) => WORST_CASE[i % WORST_CASE.length] as string)
  const sqlite = await openSqlite(dataDir)
  const search = new SqliteSearchIndex(sqlite.raw)
  const direct: number[] = []
  const directWorst: number[] = []
  let hits = 0
  for (const q of qs) {
    const started = performance.now()
    const results = await search.search({ workspaceId, q })
    direct.push(performance.now() - started)
    if (results.length > 0) hits++
  }
  for (const q of worst) {
    const started = performance.now()
    const results = await search.search({ workspaceId, q })
    directWorst.push(performance.now() - started)
    if (results.length !== 20) throw new Error(`"${q}" should match every page, found ${results.length}`)
  }
  await sqlite.close()

  const server = await startServer({ dataDir })
  const api = await Api.forServer(server).login(OWNER.email, OWNER.password)
  const timed = async (q: string): Promise<number> => {
    const started = performance.now()
    const res = await api.get(`/api/workspaces/${workspaceId}/search?q=${encodeURIComponent(q)}`)
    const elapsed = performance.now() - started
    if (res.status !== 200) throw new Error(`search failed: ${res.status} ${JSON.stringify(res.body)}`)
    return elapsed
  }
  for (const q of qs.slice(0, 20)) await timed(q)
  const http: number[] = []
  for (const q of qs) http.push(await timed(q))
  const httpWorst: number[] = []
  for (const q of worst) httpWorst.push(await timed(q))
  await server.kill()
  if (!keep) fs.rmSync(dataDir, { recursive: true, force: true })

  const row = (label: string, samples: number[]) => {
    const m = summarize(samples)
    return `| ${label} | ${ms(m.p50)} | ${ms(m.p95)} | ${ms(m.max)} |`
  }
  const report = [
    `Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench:search\` (tests/bench/search.ts) on this`,
    `machine (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}), SQLite FTS5, one workspace of`,
    `${PAGES.toLocaleString('en')} generated French pages (tests/bench/search/corpus.ts: 2–5 sections, a vocabulary`,
    `of ${corpus.vocabulary.length.toLocaleString('en')} words from Debian's French word list drawn with a Zipf law, function words`,
    `about 40 % of the text, « ${EVERYWHERE} » in every page). ${QUERIES} queries drawn from the same law (whole words,`,
    `prefixes as typed, two words, unaccented, plurals), 20 results with snippets each; ${hits} of ${QUERIES} found`,
    `something. Worst case: ${WORST_CASE.map((q) => `« ${q} »`).join(', ')}, each matching every page, 20 runs.`,
    'A query matching more than 2,000 pages is ranked among its newest 2,000 matches',
    '(`RANKED_AT_MOST` in apps/server/src/search/sqlite-search-index.ts says why).',
    '',
    '| measure | p50 | p95 | max |',
    '| --- | --- | --- | --- |',
    row('search through HTTP (`GET /api/workspaces/:id/search`)', http),
    row('worst case through HTTP (a word in every page)', httpWorst),
    row('search index alone (`SqliteSearchIndex.search`)', direct),
    row('worst case, index alone', directWorst),
    '',
    `Indexing the ${PAGES.toLocaleString('en')} pages through the derive pass (body → Y.Doc → text,`,
    `links, headings, index) took ${indexSeconds.toFixed(1)} s (${((indexSeconds * 1000) / PAGES).toFixed(2)} ms a page).`,
  ].join('\n')
  process.stdout.write(`${report}\n`)
  writeBenchSection('search-bench', 'Search', report)
}

await main()
