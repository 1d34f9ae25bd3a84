/**
 * Peer: the stock y-websocket server (`@y/websocket-server` 0.1.0, its `setupWSConnection`), run as
 * its own process. In memory by default; with BENCH_SQLITE=<file> it stores each update in SQLite
 * (WAL, synchronous=NORMAL) through the stock persistence hook, and compacts the way y-leveldb
 * does: on load when a document has more than 500 stored updates, and when it is unloaded.
 */
import { createServer } from 'node:http'
import { setPersistence, setupWSConnection } from '@y/websocket-server/utils'
import Database from 'better-sqlite3'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { announceListening } from './listening.ts'

const PREFIX = '/collab/'
const COMPACT_AFTER = 500
const port = Number(process.env.PORT ?? 0)
const sqliteFile = process.env.BENCH_SQLITE

if (sqliteFile) {
  const db = new Database(sqliteFile)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(
    'CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, data BLOB NOT NULL)',
  )
  db.exec('CREATE INDEX IF NOT EXISTS updates_doc ON updates (doc, id)')
  const insert = db.prepare('INSERT INTO updates (doc, data) VALUES (?, ?)')
  const select = db.prepare('SELECT data FROM updates WHERE doc = ? ORDER BY id')
  const remove = db.prepare('DELETE FROM updates WHERE doc = ?')
  const replaceAll = db.transaction((doc: string, state: Uint8Array) => {
    remove.run(doc)
    insert.run(doc, state)
  })
  setPersistence({
    provider: db,
    bindState: (docName: string, ydoc: Y.Doc) => {
      const rows = select.all(docName) as { data: Uint8Array }[]
      ydoc.transact(() => {
        for (const row of rows) Y.applyUpdate(ydoc, row.data)
      })
      if (rows.length > COMPACT_AFTER) replaceAll(docName, Y.encodeStateAsUpdate(ydoc))
      ydoc.on('update', (update: Uint8Array) => {
        insert.run(docName, update)
      })
    },
    writeState: async (docName: string, ydoc: Y.Doc) => {
      replaceAll(docName, Y.encodeStateAsUpdate(ydoc))
    },
  })
  process.on('SIGTERM', () => {
    db.close()
    process.exit(0)
  })
} else {
  process.on('SIGTERM', () => process.exit(0))
}

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end('{"ok":true}')
})
const wss = new WebSocketServer({ noServer: true })
server.on('upgrade', (req, socket, head) => {
  const path = (req.url ?? '').split('?')[0] ?? ''
  if (!path.startsWith(PREFIX)) {
    socket.destroy()
    return
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    setupWSConnection(ws, req, { docName: decodeURIComponent(path.slice(PREFIX.length)) })
  })
})
server.listen(port, '127.0.0.1', () => {
  const address = server.address()
  announceListening(typeof address === 'object' && address ? address.port : port, 'y-websocket-server')
})
