/**
 * The S4 editing trace: a synthetic but realistic single-author writing session, generated
 * deterministically (seeded PRNG) by the typing model: one Yjs update per keystroke, mostly
 * characters typed at a moving cursor, with backspaces, selection deletions, paragraph splits and
 * cursor jumps. No download is possible on these machines, so a recorded trace (such as the
 * automerge-perf "paper" trace) cannot be used; this one is cached in the temp directory.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { createRng } from './prng.ts'
import { PROSE_MIX, Typist } from './typing.ts'

export interface Trace {
  updates: Uint8Array[]
  clientId: number
  /** The trace client's clock after each update. */
  clocks: Uint32Array
  /** Y.encodeStateAsUpdate of the final document. */
  state: Uint8Array
  /** sha256 of the final body as XML, to check a loaded document. */
  digest: string
  paragraphs: number
  characters: number
}

const SEED = 2025
const CLIENT_ID = 4242

export function bodyDigest(doc: Y.Doc): string {
  return createHash('sha256').update(doc.getXmlFragment('default').toString()).digest('hex')
}

export function generateTrace(operations: number): Trace {
  const doc = new Y.Doc()
  doc.clientID = CLIENT_ID
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const typist = new Typist(doc, createRng(SEED), PROSE_MIX)
  const clocks = new Uint32Array(operations)
  for (let i = 0; i < operations; i++) {
    typist.keystroke()
    clocks[i] = Y.getState(doc.store, CLIENT_ID)
  }
  const fragment = doc.getXmlFragment('default')
  const characters = fragment.toArray().reduce((sum, p) => {
    const text = p instanceof Y.XmlElement ? p.get(0) : null
    return sum + (text instanceof Y.XmlText ? text.length : 0)
  }, 0)
  return {
    updates,
    clientId: CLIENT_ID,
    clocks,
    state: Y.encodeStateAsUpdate(doc),
    digest: bodyDigest(doc),
    paragraphs: fragment.length,
    characters,
  }
}

/** Loads the trace from the cache, or generates and caches it. */
export function loadTrace(operations: number): Trace {
  const file = join(tmpdir(), `tisserand-bench-trace-v1-${SEED}-${operations}.json`)
  if (existsSync(file)) {
    try {
      const cached = JSON.parse(readFileSync(file, 'utf8')) as {
        updates: string[]
        clocks: number[]
        state: string
        digest: string
        paragraphs: number
        characters: number
      }
      return {
        updates: cached.updates.map((u) => new Uint8Array(Buffer.from(u, 'base64'))),
        clientId: CLIENT_ID,
        clocks: Uint32Array.from(cached.clocks),
        state: new Uint8Array(Buffer.from(cached.state, 'base64')),
        digest: cached.digest,
        paragraphs: cached.paragraphs,
        characters: cached.characters,
      }
    } catch {
      // regenerate below
    }
  }
  const trace = generateTrace(operations)
  writeFileSync(
    file,
    JSON.stringify({
      updates: trace.updates.map((u) => Buffer.from(u).toString('base64')),
      clocks: Array.from(trace.clocks),
      state: Buffer.from(trace.state).toString('base64'),
      digest: trace.digest,
      paragraphs: trace.paragraphs,
      characters: trace.characters,
    }),
  )
  return trace
}
