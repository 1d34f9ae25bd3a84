#!/usr/bin/env node
/**
 * Compiles the server for production: one ES module per entry (main.js, cli.js) under dist/, with
 * the workspace packages and the npm dependencies bundled in (Node then resolves and compiles a
 * handful of files instead of hundreds: the server answers in about half the time), native addons
 * left outside. Code loaded with `await import()` becomes its own chunk, loaded when first needed.
 * esbuild because it is what tsx already runs on: the same transform, ahead of time.
 * Whitespace and syntax are minified (identifiers kept, so stack traces still name functions):
 * the bundle is half the size, which the process holds as source text.
 * No source maps at run time: `--enable-source-maps` costs ~80 MiB of RSS; set it in NODE_OPTIONS
 * when a stack trace needs mapping to src/.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const serverDir = path.dirname(fileURLToPath(import.meta.url))
// Outside the bundle, resolved by Node from apps/server/node_modules: native addons, packages that
// read their own files at run time (pdfkit's font metrics), and optional peers that are never
// installed (pg-native). Everything else is bundled: fewer files to resolve and compile at start.
const external = ['better-sqlite3', '@resvg/resvg-js', 'pdfkit', 'mammoth', 'pg-native']

// Built beside dist and swapped in, so that a server starting meanwhile never sees half a build.
const dist = path.join(serverDir, 'dist')
const fresh = `${dist}.${process.pid}.tmp`
const stale = `${dist}.${process.pid}.old`
const result = await build({
  absWorkingDir: serverDir,
  entryPoints: ['src/main.ts', 'src/cli.ts'],
  outdir: fresh,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // `pkg` and `pkg/sub/path` alike stay imports.
  external: external.flatMap((name) => [name, `${name}/*`]),
  // Bundled CommonJS (a workspace package's dependency) may call require().
  banner: {
    js: "import { createRequire as __tisserandRequire } from 'node:module'; const require = __tisserandRequire(import.meta.url);",
  },
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // What each output holds and imports: tests check what the server loads at start from it.
  metafile: true,
})
writeFileSync(path.join(fresh, 'meta.json'), JSON.stringify(result.metafile))
try {
  renameSync(dist, stale)
} catch (error) {
  if (error.code !== 'ENOENT') throw error
}
renameSync(fresh, dist)
rmSync(stale, { recursive: true, force: true })
