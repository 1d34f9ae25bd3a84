/**
 * Search latency over 10,000 generated French pages: p50/p95 through the real server's HTTP API
 * (what a search box sees) and of the index alone, plus how long indexing took.
 * Pages go through the server's own derive path (body → Y.Doc → ProseMirror → passes), written
 * straight into a data directory, then the real server is started on it.
 *
 *   pnpm bench:search            (PAGES=10000 QUERIES=400 by default)
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

const PAGES = Number(process.env.PAGES ?? 10_000)
const QUERIES = Number(process.env.QUERIES ?? 400)
const SEED = 20_251_126

function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = prng(SEED)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

const NOUNS = [
  'gouvernance',
  'solidarité',
  'école',
  'épicerie',
  'habitants',
  'bénévoles',
  'bénéficiaires',
  'quartier',
  'association',
  'collectivité',
  'territoire',
  'besoins',
  'logement',
  'alimentation',
  'mobilité',
  'santé',
  'insertion',
  'emploi',
  'jardin',
  'cantine',
  'ressourcerie',
  'tiers-lieu',
  'coopérative',
  'mutuelle',
  'réseau',
  'projet',
  'partenaires',
  'financement',
  'subvention',
  'autonomie',
  'empowerment',
  'adaptabilité',
  'coopération',
  'fusion',
  'diversification',
  'déploiement',
  'fertilisation',
  'approfondissement',
  'échelle',
  'entraide',
  'accueil',
  'familles',
  'jeunes',
  'aînés',
  'voisinage',
  'commune',
  'métropole',
  'département',
  'citoyens',
  'décision',
  'assemblée',
  'comité',
  'charte',
  'valeurs',
  'regard',
  'lien',
  'service',
  'qualité',
]
const ADJECTIVES = [
  'collaborative',
  'pérenne',
  'solidaire',
  'locale',
  'transversale',
  'matérielle',
  'symbolique',
  'sociale',
  'partagée',
  'commune',
  'nouvelle',
  'durable',
  'participative',
  'horizontale',
  'précise',
  'politique',
]
const VERBS = [
  'accompagne',
  'organise',
  'propose',
  'développe',
  'rassemble',
  'finance',
  'soutient',
  'construit',
  'anime',
  'accueille',
  'partage',
  'décide',
  'mutualise',
  'forme',
  'relie',
  'transforme',
]
const SMALL = ['le', 'la', 'les', 'une', 'des', 'du', 'avec', 'pour', 'dans', 'sur', 'et', 'mais', 'chaque']
const PLACES = ['Grenoble', 'Échirolles', 'Saint-Martin-d’Hères', 'Fontaine', 'Meylan', 'Voiron', 'Vizille']

function sentence(): string {
  const words = [pick(SMALL), pick(NOUNS), pick(VERBS), pick(SMALL), pick(NOUNS), pick(ADJECTIVES)]
  if (random() < 0.5) words.push(pick(SMALL), pick(NOUNS), pick(ADJECTIVES))
  const text = words.join(' ')
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`
}

function pageBody(): unknown {
  const content: unknown[] = []
  const sections = 2 + Math.floor(random() * 4)
  for (let s = 0; s < sections; s++) {
    content.push({
      type: 'heading',
      attrs: { level: 2 },
      content: [{ type: 'text', text: `${pick(NOUNS)} ${pick(ADJECTIVES)}` }],
    })
    const paragraphs = 1 + Math.floor(random() * 3)
    for (let p = 0; p < paragraphs; p++) {
      const text = Array.from({ length: 3 + Math.floor(random() * 5) }, sentence).join(' ')
      content.push({ type: 'paragraph', content: [{ type: 'text', text }] })
    }
  }
  return { type: 'doc', content }
}

/** What people type: whole words, prefixes as they type, two words, unaccented, plural forms. */
function queries(): string[] {
  const out: string[] = []
  for (let i = 0; i < QUERIES; i++) {
    const noun = pick(NOUNS)
    switch (i % 5) {
      case 0:
        out.push(noun)
        break
      case 1:
        out.push(noun.slice(0, Math.max(3, Math.ceil(noun.length * 0.6))))
        break
      case 2:
        out.push(`${noun} ${pick(ADJECTIVES)}`)
        break
      case 3:
        out.push(noun.normalize('NFD').replace(/\p{M}/gu, ''))
        break
      default:
        out.push(`${noun}s`)
    }
  }
  return out
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN }
}

const ms = (n: number) => `${n.toFixed(2)} ms`

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tisserand-bench-search-'))
  // 1. A real install: migrations, owner, seed study.
  let server = await startServer({ dataDir })
  await server.kill()

  // 2. Generated pages through the server's own write and derive path.
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
  const workspace = await sqlite.db
    .selectFrom('workspace')
    .select('id')
    .orderBy('created_at')
    .executeTakeFirstOrThrow()
  const owner = await sqlite.db
    .selectFrom('user')
    .select('id')
    .where('id', '!=', 'system')
    .executeTakeFirstOrThrow()
  const kinds = ['case', 'synthesis', 'note'] as const
  const indexStarted = performance.now()
  for (let i = 0; i < PAGES; i++) {
    const page = await pages.create({
      workspaceId: workspace.id,
      title: `${pick(['Fiche', 'Note', 'Compte rendu'])} ${i} — ${pick(NOUNS)} ${pick(ADJECTIVES)} à ${pick(PLACES)}`,
      kind: pick(kinds),
      createdBy: owner.id,
    })
    await bodies.writeInitialJson(page.id, pageBody())
    await indexer.derive(page.id)
    if ((i + 1) % 1000 === 0) process.stdout.write(`indexed ${i + 1}/${PAGES}\n`)
  }
  const indexSeconds = (performance.now() - indexStarted) / 1000

  // 3. The index alone.
  const qs = queries()
  const direct: number[] = []
  let hits = 0
  for (const q of qs) {
    const started = performance.now()
    const results = await search.search({ workspaceId: workspace.id, q })
    direct.push(performance.now() - started)
    if (results.length > 0) hits++
  }
  await sqlite.close()

  // 4. Through HTTP on the real server, signed in like the browser.
  server = await startServer({ dataDir })
  const api = await Api.forServer(server).login(OWNER.email, OWNER.password)
  const http: number[] = []
  for (const q of qs.slice(0, 20))
    await api.get(`/api/workspaces/${workspace.id}/search?q=${encodeURIComponent(q)}`)
  for (const q of qs) {
    const started = performance.now()
    const res = await api.get(`/api/workspaces/${workspace.id}/search?q=${encodeURIComponent(q)}`)
    http.push(performance.now() - started)
    if (res.status !== 200) throw new Error(`search failed: ${res.status} ${JSON.stringify(res.body)}`)
  }
  await server.kill()
  fs.rmSync(dataDir, { recursive: true, force: true })

  const d = summarize(direct)
  const h = summarize(http)
  const report = [
    `Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench:search\` (tests/bench/search.ts) on this`,
    `machine (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}), SQLite FTS5, one workspace of`,
    `${PAGES.toLocaleString('en')} generated French pages (2–5 sections, 60–400 words each), ${QUERIES} queries`,
    '(whole words, prefixes as typed, two words, unaccented, plurals), 20 results with snippets each;',
    `${hits} of ${QUERIES} queries found something. The generated vocabulary is small (about 100`,
    'words), so a query matches thousands of pages and all of them are ranked: a worst case next',
    'to real notes, whose words are far more varied.',
    '',
    '| measure | p50 | p95 | max |',
    '| --- | --- | --- | --- |',
    `| search through HTTP (\`GET /api/workspaces/:id/search\`) | ${ms(h.p50)} | ${ms(h.p95)} | ${ms(h.max)} |`,
    `| search index alone (\`SqliteSearchIndex.search\`) | ${ms(d.p50)} | ${ms(d.p95)} | ${ms(d.max)} |`,
    '',
    `Indexing the ${PAGES.toLocaleString('en')} pages through the derive pass (body → Y.Doc → text,`,
    `links, headings, index) took ${indexSeconds.toFixed(1)} s (${((indexSeconds * 1000) / PAGES).toFixed(2)} ms a page).`,
  ].join('\n')
  process.stdout.write(`${report}\n`)
  writeBenchSection('search-bench', 'Search', report)
}

function silentLogger() {
  const noop = () => {}
  return { info: noop, warn: noop, error: noop, debug: noop } as never
}

await main()
