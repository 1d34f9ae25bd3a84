/**
 * S5: `kill -9` while typing. Insert-only typists (every keystroke adds items, so each one has a
 * clock) type into several documents, each watched by one other client. The server is killed with
 * SIGKILL mid-typing; a keystroke counts as accepted when a watcher received it from the server
 * before the crash (the server made it visible). Every client is then dropped, so that none can
 * re-send its edits, the server restarts on the same data, and fresh clients read what it kept.
 */
import * as Y from 'yjs'
import { openAccess } from '../access.ts'
import { connectClient } from '../clients.ts'
import { type BenchContext, newDataDir, startSystem } from '../context.ts'
import { createRng } from '../prng.ts'
import { TrafficSession, withTimeout } from '../session.ts'
import type { SystemDef } from '../systems.ts'
import { INSERT_ONLY_MIX } from '../typing.ts'

export interface KillResult {
  system: string
  typed: number
  accepted: number
  lost: number
  error?: string
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export async function runKill(context: BenchContext, system: SystemDef): Promise<KillResult> {
  const { s5 } = context.config
  const dataDir = newDataDir(context, `${system.id}-S5`)
  const result: KillResult = { system: system.id, typed: 0, accepted: 0, lost: 0 }
  let server = await startSystem(context, system, dataDir)
  try {
    const access = await openAccess(system, server)
    const session = await TrafficSession.open(
      system,
      server,
      {
        docs: s5.docs,
        clientsPerDoc: 2,
        typistsPerDoc: 1,
        typingRate: s5.typingRate,
        moversPerDoc: 0,
        moveRate: 1,
        prefill: 0,
        mix: INSERT_ONLY_MIX,
        docPrefix: 's5',
        seed: 505,
      },
      access,
    )
    session.start()
    await sleep(s5.typeMs + createRng(5)() * 500)
    await server.kill9()
    session.stop()
    // Frames the server wrote before it died may still be in this process's socket buffers.
    await sleep(200)
    const accepted = session.docStreams.map((entry) => {
      const delivered = Math.max(0, ...entry.cursors.map((cursor) => cursor.next))
      return { ...entry, delivered, clock: delivered > 0 ? (entry.stream.clocks[delivered - 1] ?? 0) : 0 }
    })
    result.typed = session.docStreams.reduce((sum, entry) => sum + entry.stream.clocks.length, 0)
    result.accepted = accepted.reduce((sum, entry) => sum + entry.delivered, 0)
    await session.close()

    server = await startSystem(context, system, dataDir)
    access.rebind(server)
    for (const entry of accepted) {
      const reader = connectClient(system, server, session.docName(entry.doc), access.auth)
      await withTimeout(reader.ready, 30000, 'S5 reader did not sync after the restart')
      const kept = Y.getState(reader.doc.store, entry.stream.clientId)
      for (let k = 0; k < entry.delivered; k++) {
        if ((entry.stream.clocks[k] ?? 0) > kept) result.lost += 1
      }
      reader.destroy()
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error)
  } finally {
    await server.stop()
  }
  return result
}
