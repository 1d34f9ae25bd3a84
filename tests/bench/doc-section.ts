/** Each benchmark writes only its own section of docs/benchmarks.md, between its markers. */
import fs from 'node:fs'
import path from 'node:path'
import { repoRoot } from '../support/server.ts'

export function writeBenchSection(marker: string, title: string, body: string): void {
  const start = `<!-- ${marker}:start -->`
  const end = `<!-- ${marker}:end -->`
  const file = path.join(repoRoot, 'docs/benchmarks.md')
  const section = `${start}\n## ${title}\n\n${body}\n${end}`
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n'
  const from = current.indexOf(start)
  const to = current.indexOf(end)
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + section + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${section}\n`
  fs.writeFileSync(file, next)
}
