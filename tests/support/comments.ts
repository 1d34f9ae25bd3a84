/** Helpers for comment tests: write a passage into a page, anchor a thread on it, read threads. */
import * as Y from 'yjs'
import type { Api } from './api.ts'
import { connectClient, type TestClient } from './clients.ts'
import { addParagraph } from './edits.ts'
import { waitFor } from './server.ts'

export interface EncodedAnchor {
  start: string
  end: string
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

/**
 * The anchor of `text`'s characters [from, to) as the web client makes it: the start bound to the
 * passage's first character (assoc 0), the end to its last (assoc -1), so typing at either edge
 * stays outside the passage.
 */
export function anchorOf(text: Y.XmlText, from: number, to: number): EncodedAnchor {
  return {
    start: b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, from, 0))),
    end: b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, to, -1))),
  }
}

/** Connects a client with `token`, writes one paragraph per string and returns the client. */
export async function writeParagraphs(
  wsUrl: string,
  token: string,
  pageId: string,
  texts: string[],
): Promise<{ client: TestClient; paragraphs: Y.XmlText[] }> {
  const client = connectClient(wsUrl, pageId, { token })
  await client.synced
  const paragraphs: Y.XmlText[] = []
  client.doc.transact(() => {
    for (const text of texts) paragraphs.push(addParagraph(client.body, text))
  })
  return { client, paragraphs }
}

/**
 * Opens a thread, retrying while the server has not yet received the passage the anchor names
 * (409 anchor_not_synced), as the web client does.
 */
export async function openThread(api: Api, pageId: string, anchor: EncodedAnchor, body: string, quote = '') {
  return waitFor(
    async () => {
      const res = await api.post(`/api/pages/${pageId}/threads`, { anchor, quote, body })
      return res.status === 409 ? null : res
    },
    10_000,
    'the passage to reach the server',
  )
}

export async function threadsOf(api: Api, pageId: string): Promise<any[]> {
  const res = await api.get(`/api/pages/${pageId}/threads`)
  if (res.status !== 200) throw new Error(`threads: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.threads
}
