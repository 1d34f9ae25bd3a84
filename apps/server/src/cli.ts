/**
 * `pnpm tisserand <command>`: operations on a Tisserand data directory (DATA_DIR, as the server
 * reads it). Each runs beside a running server, through SQLite's own online backup and read-only
 * connections, and exits 0 on success, 1 on a failed check, 2 on a usage error.
 *
 *   backup DEST   a consistent copy of the database and the uploaded files into DEST (new or empty)
 *   restore SRC   a backup into an empty DATA_DIR
 *   verify        every page body decodes and every derived row matches its body
 *   migrate --from sqlite:FILE --to postgres://…
 *                 copies a single-machine installation into PostgreSQL and checks the copy
 *                 (store/copy-to-postgres.ts); safe to re-run
 */
import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import * as Y from 'yjs'
import { ConfigError, loadConfig } from './config.ts'
import { readPageContent } from './derive/page-content.ts'
import { CopyRefused, copyToPostgres } from './store/copy-to-postgres.ts'
import { SqliteDocStore } from './store/doc-store-sqlite.ts'
import type { Database } from './store/schema.ts'
import { searchTextOf } from './wiki/index.ts'

const DB_FILE = 'tisserand.db'
/** Uploaded files live beside the database, content-addressed: copied as they are. */
const FILES_DIR = 'files'

class UsageError extends Error {}

function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0
}

async function backup(dataDir: string, dest: string): Promise<void> {
  const source = path.join(dataDir, DB_FILE)
  if (!fs.existsSync(source)) throw new UsageError(`no database at ${source}`)
  if (!isEmptyDir(dest)) throw new UsageError(`${dest} is not empty`)
  fs.mkdirSync(dest, { recursive: true })
  const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true })
  try {
    // The online backup copies a consistent state page by page while the server keeps writing.
    await db.backup(path.join(dest, DB_FILE), {
      progress: ({ totalPages, remainingPages }) => {
        process.stdout.write(`\rdatabase: ${totalPages - remainingPages}/${totalPages} pages`)
        return 256
      },
    })
    process.stdout.write('\n')
  } finally {
    db.close()
  }
  // After the database: every file a copied row names was stored before its row, so it is here.
  const files = path.join(dataDir, FILES_DIR)
  if (fs.existsSync(files)) fs.cpSync(files, path.join(dest, FILES_DIR), { recursive: true })
  console.log(`backup written to ${dest}`)
}

function restore(dataDir: string, src: string): void {
  const source = path.join(src, DB_FILE)
  if (!fs.existsSync(source)) throw new UsageError(`no backup at ${source}`)
  if (!isEmptyDir(dataDir))
    throw new UsageError(`DATA_DIR ${dataDir} is not empty: restore only into an empty one`)
  fs.mkdirSync(dataDir, { recursive: true })
  fs.copyFileSync(source, path.join(dataDir, DB_FILE))
  const files = path.join(src, FILES_DIR)
  if (fs.existsSync(files)) fs.cpSync(files, path.join(dataDir, FILES_DIR), { recursive: true })
  console.log(`restored ${src} into ${dataDir}`)
}

async function verify(dataDir: string): Promise<boolean> {
  const file = path.join(dataDir, DB_FILE)
  if (!fs.existsSync(file)) throw new UsageError(`no database at ${file}`)
  const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) })
  const store = new SqliteDocStore(raw)
  const problems: string[] = []
  const stale: string[] = []
  // Prepared once: verify reads every page.
  const selectIndexed = raw.prepare<[string], { body: string }>('SELECT body FROM page_fts WHERE page_id = ?')
  const lastWriteOf = lastWriteQuery(raw)
  try {
    const pages = await db.selectFrom('page').select(['id', 'title', 'archived_at']).execute()
    for (const page of pages) {
      const doc = new Y.Doc()
      try {
        const stored = await store.load(page.id)
        const rows = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates
        rows.forEach((update, index) => {
          try {
            Y.applyUpdate(doc, update)
          } catch (error) {
            problems.push(`${page.id}: stored row ${index} does not decode (${String(error)})`)
          }
        })
        const content = readPageContent(doc)
        const mismatches: string[] = []
        const links = await db
          .selectFrom('page_link')
          .select('target_id')
          .where('source_id', '=', page.id)
          .execute()
        const want = new Set(content.links.filter((id) => id !== page.id))
        const have = new Set(links.map((l) => l.target_id))
        if (want.size !== have.size || [...want].some((id) => !have.has(id)))
          mismatches.push('page_link rows')
        const derived = await db
          .selectFrom('page_derived')
          .select(['headings', 'derived_at'])
          .where('page_id', '=', page.id)
          .executeTakeFirst()
        if (derived && derived.headings !== JSON.stringify(content.headings)) mismatches.push('headings')
        const indexed = selectIndexed.get(page.id)
        if (page.archived_at === null && indexed && indexed.body !== (await searchTextOf(db, content)))
          mismatches.push('search text')
        if (mismatches.length === 0) continue
        // Derived rows follow edits a second or so later (DERIVE_QUIET_MS): rows older than the
        // page's last write are behind, not wrong, and are derived again when the page is opened.
        if (!derived || Number(derived.derived_at) < lastWriteOf(page.id)) {
          stale.push(`${page.id}: ${mismatches.join(', ')} derived before the last edit`)
        } else problems.push(`${page.id}: ${mismatches.join(', ')} differ from the body`)
      } finally {
        doc.destroy()
      }
    }
    const files = path.join(dataDir, FILES_DIR)
    if (fs.existsSync(files))
      console.log(`${fs.readdirSync(files, { recursive: true }).length} stored file entries`)
    for (const line of stale) console.log(`… ${line}`)
    for (const problem of problems) console.log(`✗ ${problem}`)
    console.log(
      problems.length === 0
        ? `✓ ${pages.length} pages verified`
        : `${problems.length} problems in ${pages.length} pages`,
    )
    return problems.length === 0
  } finally {
    await db.destroy()
  }
}

/** When a page's body was last written: its newest stored update, or its snapshot. */
function lastWriteQuery(raw: BetterSqlite3.Database): (pageId: string) => number {
  const query = raw.prepare<[string, string], { at: number | null }>(
    `SELECT max(at) AS at FROM (
       SELECT max(created_at) AS at FROM doc_update WHERE doc_name = ?
       UNION ALL SELECT updated_at FROM doc_snapshot WHERE doc_name = ?)`,
  )
  return (pageId) => Number(query.get(pageId, pageId)?.at ?? 0)
}

async function migrate(args: string[]): Promise<boolean> {
  const option = (name: string) => {
    const at = args.indexOf(name)
    return at >= 0 ? args[at + 1] : undefined
  }
  const from = option('--from')
  const to = option('--to')
  if (!from?.startsWith('sqlite:') || !to || !/^postgres(ql)?:\/\//.test(to))
    throw new UsageError('usage: tisserand migrate --from sqlite:./data/tisserand.db --to postgres://…')
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), from.slice('sqlite:'.length))
  if (!fs.existsSync(file)) throw new UsageError(`no database at ${file}`)
  let report: Awaited<ReturnType<typeof copyToPostgres>>
  try {
    report = await copyToPostgres(file, to, (line) => console.log(line))
  } catch (error) {
    if (error instanceof CopyRefused) throw new UsageError(`not copied: ${error.message}`)
    throw error
  }
  for (const problem of report.problems) console.log(`✗ ${problem}`)
  const rows = report.tables.reduce((sum, t) => sum + t.rows, 0)
  console.log(
    report.problems.length === 0
      ? `✓ ${rows} rows in ${report.tables.length} tables copied, ${report.pages} pages verified`
      : `${report.problems.length} problems in the copy`,
  )
  return report.problems.length === 0
}

async function main(): Promise<number> {
  const [command, arg] = process.argv.slice(2)
  if (command === 'migrate') return (await migrate(process.argv.slice(3))) ? 0 : 1
  const { dataDir } = loadConfig()
  switch (command) {
    case 'backup':
      if (!arg) throw new UsageError('usage: tisserand backup DEST')
      await backup(dataDir, path.resolve(process.env.INIT_CWD ?? process.cwd(), arg))
      return 0
    case 'restore':
      if (!arg) throw new UsageError('usage: tisserand restore SRC')
      restore(dataDir, path.resolve(process.env.INIT_CWD ?? process.cwd(), arg))
      return 0
    case 'verify':
      return (await verify(dataDir)) ? 0 : 1
    default:
      throw new UsageError(
        'usage: tisserand backup DEST | restore SRC | verify | migrate --from sqlite:FILE --to postgres://…',
      )
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(error instanceof UsageError || error instanceof ConfigError ? 2 : 1)
  },
)
