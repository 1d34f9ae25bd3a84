/** Stock y-websocket clients, as any script would use them, for tests and benchmarks. */
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { waitFor } from './server.ts'

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  body: Y.XmlFragment
  /** Resolves once the provider has completed its first sync with the server. */
  synced: Promise<void>
  destroy(): void
}

/** A stock client on `pageId`; pass `doc` to connect with a document that already has content. */
export function connectClient(
  wsUrl: string,
  pageId: string,
  params: Record<string, string> = {},
  doc = new Y.Doc(),
): TestClient {
  const provider = new WebsocketProvider(wsUrl, pageId, doc, {
    // Two providers in one process would otherwise sync through BroadcastChannel, not the server.
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params,
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve())
  })
  return {
    doc,
    provider,
    body: doc.getXmlFragment('default'),
    synced,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Text of every paragraph of a page body, one string per paragraph. */
export function paragraphs(body: Y.XmlFragment): string[] {
  return body.toArray().map((node) => (node instanceof Y.XmlElement ? node.toString() : String(node)))
}

/**
 * Waits until every client holds the same document. State vectors alone are not enough: they do
 * not count deletions, so a client still missing a delete would look converged.
 */
export async function waitConverged(clients: TestClient[], timeoutMs = 20_000): Promise<void> {
  const fingerprint = (c: TestClient) =>
    `${Buffer.from(Y.encodeStateVector(c.doc)).toString('base64')}|${c.body.toString()}`
  await waitFor(
    () => {
      const [first, ...rest] = clients.map(fingerprint)
      return rest.every((f) => f === first)
    },
    timeoutMs,
    'clients to converge',
  )
}

/** Synced clients opened by one test file, all destroyed by `destroyAll` (e.g. before a kill). */
export function syncedClients() {
  const open: TestClient[] = []
  return {
    async connect(wsUrl: string, pageId: string, token: string): Promise<TestClient> {
      const c = connectClient(wsUrl, pageId, { token })
      open.push(c)
      await c.synced
      return c
    },
    destroyAll(): void {
      for (const c of open.splice(0)) c.destroy()
    },
  }
}
