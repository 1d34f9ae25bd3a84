/**
 * Floor: the raw SQLite append rate: one INSERT of an update blob per transaction (autocommit), WAL
 * journal, with synchronous=NORMAL (survives a process crash) and synchronous=FULL (survives a
 * power loss: one fsync per commit). Nothing else: no Yjs, no network.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

export interface AppendFloor {
  synchronous: 'NORMAL' | 'FULL'
  appends: number
  usPerAppend: number
  appendsPerSec: number
}

export function measureSqliteAppend(
  dir: string,
  updates: Uint8Array[],
  synchronous: 'NORMAL' | 'FULL',
  maxMs = 2000,
): AppendFloor {
  const folder = mkdtempSync(join(dir, `sqlite-floor-${synchronous}-`))
  const db = new Database(join(folder, 'floor.sqlite'))
  try {
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${synchronous}`)
    db.exec('CREATE TABLE updates (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, data BLOB NOT NULL)')
    const insert = db.prepare('INSERT INTO updates (doc, data) VALUES (?, ?)')
    let count = 0
    const t0 = performance.now()
    const deadline = t0 + maxMs
    while (count < updates.length && (count % 64 !== 0 || performance.now() < deadline)) {
      insert.run('floor', updates[count] as Uint8Array)
      count += 1
    }
    const ms = performance.now() - t0
    return {
      synchronous,
      appends: count,
      usPerAppend: (ms * 1000) / count,
      appendsPerSec: count / (ms / 1000),
    }
  } finally {
    db.close()
    rmSync(folder, { recursive: true, force: true })
  }
}
