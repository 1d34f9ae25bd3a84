/**
 * Which memory allocator the server runs on. Node's default, glibc's malloc, keeps most of what a
 * busy server freed: after 500 sockets typed on 100 pages, the server's live heap was back where it
 * started and its RSS stayed 45 % above it, in glibc's main arena. jemalloc gives freed memory back
 * within seconds: RSS below where it started, and about a quarter less at the peak (2-minute
 * soaks; the full one is in docs/benchmarks.md, Soak).
 *
 * MEMORY_ALLOCATOR: `auto` (default) preloads jemalloc when the system has it (Debian's
 * libjemalloc2, which scripts/install.sh installs), `jemalloc` requires it, `system` keeps glibc's.
 * Both `pnpm start` and the test servers start the server through `allocatorEnv`.
 */
import fs from 'node:fs'

const JEMALLOC = [
  '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2',
  '/usr/lib/aarch64-linux-gnu/libjemalloc.so.2',
  '/usr/lib64/libjemalloc.so.2',
  '/usr/lib/libjemalloc.so.2',
]

/** jemalloc's shared library on this machine, or null. */
export function jemallocLibrary() {
  if (process.platform !== 'linux') return null
  return JEMALLOC.find((file) => fs.existsSync(file)) ?? null
}

/**
 * The environment variables to add to the server's for the allocator `env` asks for. Throws with
 * a message naming MEMORY_ALLOCATOR when the value is unknown or jemalloc is required and missing.
 */
export function allocatorEnv(env = process.env) {
  const wanted = env.MEMORY_ALLOCATOR || 'auto'
  if (!['auto', 'jemalloc', 'system'].includes(wanted))
    throw new Error(`MEMORY_ALLOCATOR must be auto, jemalloc or system (got "${wanted}")`)
  if (wanted === 'system') return {}
  const library = jemallocLibrary()
  if (!library) {
    if (wanted === 'jemalloc')
      throw new Error(
        'MEMORY_ALLOCATOR=jemalloc, but jemalloc is not installed (Debian: apt install libjemalloc2)',
      )
    return {}
  }
  const preload = (env.LD_PRELOAD ?? '').split(/[:\s]+/).filter(Boolean)
  if (preload.includes(library)) return {}
  return { LD_PRELOAD: [library, ...preload].join(':') }
}
