/**
 * What the compiled server (apps/server/dist, `pnpm start`) loads when it starts: the outputs
 * main.js imports statically, read from the build's metafile. The import parsers, the export
 * writers and the PostgreSQL and Redis drivers must stay behind `await import()`, loaded when a
 * request or the configuration needs them: the embedded server that never uses them does not pay
 * their memory (19 MiB of RSS at idle for the drivers alone, measured when they were made lazy).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { serverBuildReason } from '../../scripts/build-status.mjs'
import { repoRoot } from '../support/server.ts'

interface Metafile {
  outputs: Record<
    string,
    { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }
  >
}

/** Packages a server that only edits, searches and codes never needs at start. */
const LOADED_WHEN_NEEDED = [
  'mammoth',
  'linkedom',
  'markdown-it',
  'yaml',
  'docx',
  'pdfkit',
  '@resvg/resvg-js',
  'pg',
  'ioredis',
]

/** The npm package a bundled input file comes from (the innermost node_modules), or null. */
const packageOfInput = (input: string): string | null =>
  input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/)?.[1] ?? null

/** The package an external import names (`pkg`, `@scope/pkg`, `pkg/sub/path`). */
const packageOfSpecifier = (specifier: string): string =>
  specifier.match(/^(@[^/]+\/[^/]+|[^/]+)/)?.[1] ?? specifier

/** The packages (bundled or external) in main.js and everything it imports statically. */
function loadedAtStart(meta: Metafile): Set<string> {
  const byName = new Map(Object.entries(meta.outputs).map(([file, output]) => [path.basename(file), output]))
  const packages = new Set<string>()
  const seen = new Set<string>()
  const visit = (name: string) => {
    const output = byName.get(name)
    if (!output || seen.has(name)) return
    seen.add(name)
    for (const input of Object.keys(output.inputs)) {
      const name = packageOfInput(input)
      if (name) packages.add(name)
    }
    for (const imported of output.imports) {
      if (imported.kind !== 'import-statement') continue
      if (imported.external) packages.add(packageOfSpecifier(imported.path))
      else visit(path.basename(imported.path))
    }
  }
  visit('main.js')
  return packages
}

test('the compiled server loads no import parser, export writer or PostgreSQL/Redis driver at start', () => {
  expect(serverBuildReason(repoRoot), 'apps/server/dist is up to date (pnpm build)').toBeNull()
  const meta = JSON.parse(readFileSync(path.join(repoRoot, 'apps/server/dist/meta.json'), 'utf8')) as Metafile
  const atStart = loadedAtStart(meta)
  // The walk does find what start needs (a walk that found nothing would pass anything).
  for (const needed of ['yjs', 'better-sqlite3', 'kysely', 'hono', 'ws']) expect(atStart).toContain(needed)
  expect(LOADED_WHEN_NEEDED.filter((name) => atStart.has(name))).toEqual([])
  // And each of them is in the build, behind a dynamic import.
  const everywhere = new Set(
    Object.values(meta.outputs).flatMap((output) => [
      ...Object.keys(output.inputs).flatMap((input) => packageOfInput(input) ?? []),
      ...output.imports.filter((i) => i.external).map((i) => packageOfSpecifier(i.path)),
    ]),
  )
  for (const name of LOADED_WHEN_NEEDED) expect(everywhere, name).toContain(name)
})
