/**
 * `pnpm bench:soak` (part of `pnpm bench`): 500 sockets on 100 pages typing and moving their
 * cursors for 10 minutes (SOAK_SOCKETS, SOAK_PAGES, SOAK_SECONDS to change), then leaving. Writes
 * what the server's metrics showed before, during and after to the "Soak" section of
 * docs/benchmarks.md. The goal: RSS growth under 10 % once the pages unloaded, no room,
 * connection or timer left.
 */
import os from 'node:os'
import { allocatorEnv } from '../../scripts/allocator.mjs'
import { describeSoak, runSoak } from '../support/soak.ts'
import { compiledServer } from './compiled.ts'
import { writeBenchSection } from './doc-section.ts'

// Each provider adds a process 'exit' listener.
process.setMaxListeners(0)
const sockets = Number(process.env.SOAK_SOCKETS ?? 500)
const pages = Number(process.env.SOAK_PAGES ?? 100)
const seconds = Number(process.env.SOAK_SECONDS ?? 600)
const started = Date.now()
const log = (message: string) =>
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] soak: ${message}\n`)

log(`${sockets} sockets on ${pages} pages for ${seconds} s`)
// The product as it runs in production: compiled, on the allocator `pnpm start` gives it, and
// without the tests' stored-state guard, whose mirror of every page and comparison after every
// turn would be what the soak measures.
const r = await runSoak({
  sockets,
  pages,
  seconds,
  env: { SYNC_INVARIANT_GUARD: '0' },
  compiledEntry: compiledServer(),
  log,
})
// What the test server was started on (tests/support/server.ts asks allocatorEnv too).
const allocator = allocatorEnv().LD_PRELOAD ? 'jemalloc' : "the system's malloc"
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`
const growth = (r.after.rssBytes / r.baseline.rssBytes - 1) * 100
const met = growth < 10 && r.after.connections === 0 && r.after.docsLoaded === 0 && r.after.timers === 0
const report = [
  `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`pnpm bench:soak\` (tests/bench/soak.ts, the`,
  `loop in tests/support/soak.ts) on this machine (${os.cpus().length} cores): ${sockets} stock y-websocket clients on ${pages} pages, each`,
  `typing a key and moving its cursor every 200–500 ms for ${seconds} s (${r.keystrokes.toLocaleString('en')} keystrokes), after a`,
  'warm-up on every page and its unloading; the server runs as in production (compiled, on',
  `${allocator}, no stored-state guard) with \`--expose-gc\`, so each scrape of \`/metrics\` measures live`,
  `memory. The last sample is taken once RSS stopped falling, ${r.settledSeconds} s after the last page unloaded.`,
  '',
  '| | RSS | heap used | connections | pages loaded | pending timers |',
  '| --- | --- | --- | --- | --- | --- |',
  ...(
    [
      ['baseline (warm, at rest)', r.baseline],
      ['end of typing', r.during],
      ['after everyone left', r.after],
    ] as const
  ).map(
    ([label, s]) =>
      `| ${label} | ${mib(s.rssBytes)} | ${mib(s.heapBytes)} | ${s.connections} | ${s.docsLoaded} | ${s.timers} |`,
  ),
  '',
  `RSS growth after the pages unloaded: ${growth.toFixed(1)} % (goal under 10 %, nothing left): **${met ? 'met' : 'missed'}**.`,
].join('\n')
log(describeSoak(r))
writeBenchSection('soak-bench', 'Soak', report)
