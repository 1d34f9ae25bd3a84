/**
 * Floor: a plain `ws` relay. It forwards document updates and awareness frames, byte for byte, to the
 * other sockets of the same room (`/collab/<room>`), with no Yjs: the least any sync server has to
 * do on the wire. It peeks at the first two bytes only to answer a client's sync step 1 with an
 * empty sync step 2 (so providers consider themselves synced) and to drop sync step 2 replies,
 * which would otherwise flood every room with N² state exchanges when clients connect. It also
 * reads the (client, clock) at the head of an awareness frame and forwards only news: y-websocket
 * clients send every remote awareness change back to the server, which a server drops as stale; a
 * relay forwarding those echoes would multiply presence traffic by the room size.
 */
import { createServer } from 'node:http'
import * as decoding from 'lib0/decoding'
import { WebSocket, WebSocketServer } from 'ws'
import { announceListening } from './listening.ts'

const PREFIX = '/collab/'
const port = Number(process.env.PORT ?? 0)
interface Room {
  members: Set<WebSocket>
  /** Latest awareness clock forwarded per client. */
  clocks: Map<number, number>
}
const rooms = new Map<string, Room>()
const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
/** messageSync, syncStep2, an update of 2 bytes: no structs, empty delete set. */
const EMPTY_SYNC_STEP_2 = Uint8Array.of(MESSAGE_SYNC, SYNC_STEP_2, 2, 0, 0)

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
  const name = path.slice(PREFIX.length)
  wss.handleUpgrade(req, socket, head, (ws) => {
    let room = rooms.get(name)
    if (!room) {
      room = { members: new Set(), clocks: new Map() }
      rooms.set(name, room)
    }
    const { members, clocks } = room
    members.add(ws)
    ws.on('message', (data, isBinary) => {
      const bytes = data as Buffer
      if (bytes[0] === MESSAGE_SYNC && bytes[1] === SYNC_STEP_1) {
        ws.send(EMPTY_SYNC_STEP_2)
        return
      }
      if (bytes[0] === MESSAGE_SYNC && bytes[1] === SYNC_STEP_2) return
      if (bytes[0] === MESSAGE_AWARENESS && !isNewAwareness(bytes, clocks)) return
      for (const other of members) {
        if (other !== ws && other.readyState === WebSocket.OPEN) other.send(data, { binary: isBinary })
      }
    })
    ws.on('close', () => {
      members.delete(ws)
      if (members.size === 0) rooms.delete(name)
    })
  })
})
/** Reads the first (client, clock) of an awareness frame; true when it is newer than seen. */
function isNewAwareness(bytes: Uint8Array, clocks: Map<number, number>): boolean {
  try {
    const decoder = decoding.createDecoder(bytes)
    decoding.readVarUint(decoder) // message type
    decoding.readVarUint(decoder) // payload length
    if (decoding.readVarUint(decoder) === 0) return false // no client in it
    const client = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    if ((clocks.get(client) ?? -1) >= clock) return false
    clocks.set(client, clock)
    return true
  } catch {
    return false
  }
}

process.on('SIGTERM', () => process.exit(0))
server.listen(port, '127.0.0.1', () => {
  const address = server.address()
  announceListening(typeof address === 'object' && address ? address.port : port, 'ws-relay')
})
