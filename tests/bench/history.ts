/**
 * `pnpm bench:history [--quick]` (also the last step of `pnpm bench`): what history costs.
 * 1. S1 and S2 against Tisserand as shipped and with HISTORY=off (no authorship recorded, no
 *    version captured), side by side in one run: server CPU per delivered update and p99.
 * 2. Comparing two versions of a 50,000-word page, and computing a restore between them.
 * Writes its own section of docs/benchmarks.md.
 */
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { AuthorIndex } from '../../apps/server/src/history/author-index.ts'
import { compareDocs } from '../../apps/server/src/history/compare.ts'
import { restoreUpdate } from '../../apps/server/src/history/restore-diff.ts'
import type { AuthorshipRow } from '../../apps/server/src/store/doc-store.ts'
import { writeBenchSection } from './doc-section.ts'
import { isFailed, runBench } from './harness.ts'
import { createRng } from './prng.ts'
import { killAllServers, pinProcess } from './process.ts'

const quick = process.argv.includes('--quick')
const log = (message: string) => process.stdout.write(`[history] ${message}\n`)

async function syncCost(): Promise<string> {
  const pinned = pinProcess(process.pid, 0)
  process.setMaxListeners(0)
  const results = await runBench({
    mode: quick ? 'quick' : 'full',
    systems: ['tisserand', 'tisserand-no-history'],
    scenarios: ['S1', 'S2'],
    serverCpu: pinned ? 1 : null,
    log,
  })
  const rows: string[] = [
    '| scenario | HISTORY | delivered/s | server CPU µs per delivered update | p99 latency |',
    '| --- | --- | --- | --- | --- |',
  ]
  const cost: string[] = []
  for (const scenario of ['S1', 'S2'] as const) {
    const bySystem = new Map<string, { cpu: number; p99: number; delivered: number }>()
    for (const entry of results.traffic[scenario] ?? []) {
      if (isFailed(entry)) {
        rows.push(`| ${scenario} | ${entry.system} | failed: ${entry.error} | | |`)
        continue
      }
      bySystem.set(entry.system, {
        cpu: entry.serverCpuUsPerDelivered,
        p99: entry.latency.p99,
        delivered: entry.deliveredPerSec,
      })
      rows.push(
        `| ${scenario} | ${entry.system === 'tisserand' ? 'on' : 'off'} | ${entry.deliveredPerSec.toFixed(0)} | ${entry.serverCpuUsPerDelivered.toFixed(0)} | ${entry.latency.p99.toFixed(1)} ms |`,
      )
    }
    const on = bySystem.get('tisserand')
    const off = bySystem.get('tisserand-no-history')
    if (on && off) cost.push(`${scenario}: ${(on.cpu / off.cpu).toFixed(2)}× the CPU per delivered update`)
  }
  return `${rows.join('\n')}\n\nWith history on: ${cost.join('; ') || 'no ratio (a run failed)'}.`
}

const WORDS = (
  'gouvernance collaborative habitants bénévoles besoins matériels liens sociaux proximité épicerie ' +
  'solidaire territoire coopération fusion diffusion autonomie empowerment adaptabilité mise commun ' +
  'quartier association accueil repas logement mobilité insertion emploi formation santé culture'
).split(' ')

/** A page of `words` words in paragraphs of 50 under headings, typed by two writers. */
function bigPage(words: number, random: () => number): Y.Doc {
  const doc = new Y.Doc()
  const body = doc.getXmlFragment('default')
  const writers = [1001, 1002]
  let written = 0
  let paragraph = 0
  while (written < words) {
    doc.clientID = writers[paragraph % 2] as number
    doc.transact(() => {
      const blocks: Y.XmlElement[] = []
      if (paragraph % 20 === 0) {
        const heading = new Y.XmlElement('heading')
        heading.setAttribute('level', 2 as unknown as string)
        heading.insert(0, [new Y.XmlText(`Section ${paragraph / 20 + 1}`)])
        blocks.push(heading)
      }
      const line: string[] = []
      for (let i = 0; i < 50; i++) line.push(WORDS[Math.floor(random() * WORDS.length)] as string)
      const element = new Y.XmlElement('paragraph')
      element.insert(0, [new Y.XmlText(`${line.join(' ')}.`)])
      blocks.push(element)
      body.insert(body.length, blocks)
    })
    written += 50
    paragraph++
  }
  return doc
}

/** `count` edits by a third writer: words typed, text and whole paragraphs deleted. */
function edit(doc: Y.Doc, count: number, random: () => number): void {
  doc.clientID = 1003
  const body = doc.getXmlFragment('default')
  for (let i = 0; i < count; i++) {
    const block = body.get(Math.floor(random() * body.length))
    if (!(block instanceof Y.XmlElement)) continue
    const text = block.get(0)
    if (!(text instanceof Y.XmlText)) continue
    const roll = random()
    if (roll < 0.5) text.insert(Math.floor(random() * text.length), ` ${WORDS[i % WORDS.length]}`)
    else if (roll < 0.9 && text.length > 20) text.delete(Math.floor(random() * (text.length - 12)), 10)
    else body.delete(body.toArray().indexOf(block), 1)
  }
}

/** Authorship rows as the server keeps them: inserts by client, the edit's deletions by writer 3. */
function rowsFor(doc: Y.Doc, deletions: ReturnType<typeof Y.snapshot>['ds'] | null): AuthorshipRow[] {
  const rows: AuthorshipRow[] = []
  for (const [client, clock] of Y.encodeStateVector(doc).length
    ? Y.decodeStateVector(Y.encodeStateVector(doc))
    : []) {
    rows.push({ kind: 'insert', client, clock: 0, length: clock, userId: `u${client}`, via: null, at: 0 })
  }
  for (const [client, items] of deletions?.clients ?? []) {
    for (const item of items)
      rows.push({
        kind: 'delete',
        client,
        clock: item.clock,
        length: item.len,
        userId: 'u1003',
        via: null,
        at: 0,
      })
  }
  return rows
}

function compareCost(): string {
  const random = createRng(7)
  const words = 50_000
  const older = bigPage(words, random)
  const newer = new Y.Doc()
  Y.applyUpdate(newer, Y.encodeStateAsUpdate(older))
  edit(newer, quick ? 100 : 300, random)
  const deleted = Y.snapshot(newer).ds
  const rows = rowsFor(newer, deleted)
  const people = new Map([1001, 1002, 1003].map((c) => [`u${c}`, { id: `u${c}`, name: `Writer ${c}` }]))
  const input = {
    older,
    newer,
    inserts: new AuthorIndex(rows.filter((r) => r.kind === 'insert')),
    deletes: new AuthorIndex(rows.filter((r) => r.kind === 'delete')),
    people,
  }
  const runs = quick ? 3 : 10
  const times: number[] = []
  let blocks = 0
  let json = 0
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const result = compareDocs(input)
    times.push(performance.now() - started)
    blocks = result.blocks.length
    json = JSON.stringify(result).length
  }
  const restoreTimes: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    restoreUpdate(newer, older)
    restoreTimes.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  restoreTimes.sort((a, b) => a - b)
  const median = (list: number[]) => list[Math.floor(list.length / 2)] ?? Number.NaN
  const text = older.getXmlFragment('default').toString().length
  return [
    `A page of ${words.toLocaleString('en')} words (${older.getXmlFragment('default').length} blocks, ${(text / 1024).toFixed(0)} KiB of XML), ${quick ? 100 : 300} edits by a third writer between the two versions:`,
    '',
    '| step | median | slowest | of runs |',
    '| --- | --- | --- | --- |',
    `| compare two versions (\`compareDocs\`: atoms, merge walk, authors, folding) | ${median(times).toFixed(0)} ms | ${(times.at(-1) ?? 0).toFixed(0)} ms | ${runs} |`,
    `| restore the older one (\`restoreUpdate\`: copy, diff by item ids, update) | ${median(restoreTimes).toFixed(0)} ms | ${(restoreTimes.at(-1) ?? 0).toFixed(0)} ms | ${runs} |`,
    '',
    `The comparison sent to the browser has ${blocks} blocks (unchanged runs folded) and weighs ${(json / 1024).toFixed(0)} KiB of JSON.`,
  ].join('\n')
}

try {
  const compare = compareCost()
  log(compare)
  const sync = await syncCost()
  log(sync)
  writeBenchSection(
    'history-bench',
    'History: what authorship and versions cost',
    `Run ${new Date().toISOString().slice(0, 16)}Z${quick ? ' (quick mode)' : ''}, on this 2-core machine; compare the two rows of a scenario, not absolute numbers.\n\n### Sync scenarios with and without history\n\n${sync}\n\n### Comparing versions of a large page\n\n${compare}\n`,
  )
} finally {
  killAllServers()
}
process.exit(0)
