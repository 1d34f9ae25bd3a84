/**
 * Peer: `@hocuspocus/server` 4 with `@hocuspocus/extension-sqlite` on a file (BENCH_SQLITE), with
 * its defaults (stores the whole document, debounced 2 s, at most 10 s late). Its own protocol:
 * clients use `@hocuspocus/provider`.
 */
import { SQLite } from '@hocuspocus/extension-sqlite'
import { Server } from '@hocuspocus/server'
import { announceListening } from './listening.ts'

const port = Number(process.env.PORT ?? 0)
const database = process.env.BENCH_SQLITE ?? ':memory:'

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
  extensions: [new SQLite({ database })],
})
await server.listen()
announceListening(server.address.port, 'hocuspocus')
