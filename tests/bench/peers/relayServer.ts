/**
 * Floor: a plain `ws` relay. It forwards every frame, byte for byte, to the other sockets of the same
 * room (`/collab/<room>`) with no Yjs at all: the least any sync server has to do on the wire.
 */
import { createServer } from 'node:http'
import { WebSocket, WebSocketServer } from 'ws'
import { announceListening } from './listening.ts'

const PREFIX = '/collab/'
const port = Number(process.env.PORT ?? 0)
const rooms = new Map<string, Set<WebSocket>>()

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
      room = new Set()
      rooms.set(name, room)
    }
    const members = room
    members.add(ws)
    ws.on('message', (data, isBinary) => {
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
process.on('SIGTERM', () => process.exit(0))
server.listen(port, '127.0.0.1', () => {
  const address = server.address()
  announceListening(typeof address === 'object' && address ? address.port : port, 'ws-relay')
})
