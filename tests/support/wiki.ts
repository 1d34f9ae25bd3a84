/** Wiki helpers for tests: page bodies written the way the editor writes them, and polling the API. */
import * as Y from 'yjs'
import type { Api } from './api.ts'
import type { TestClient } from './clients.ts'
import { waitFor } from './server.ts'

/** Appends a paragraph; parts are text or `{ pageId }` for a page link (the editor's pageLink node). */
export function writeParagraph(client: TestClient, ...parts: (string | { pageId: string })[]): void {
  client.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(
      0,
      parts.map((part) => {
        if (typeof part === 'string') {
          const text = new Y.XmlText()
          text.insert(0, part)
          return text
        }
        const link = new Y.XmlElement('pageLink')
        link.setAttribute('pageId', part.pageId)
        return link
      }),
    )
    client.body.insert(client.body.length, [paragraph])
  })
}

/** Headings of a page body as the editor stores them. */
export function headingTexts(body: Y.XmlFragment): string[] {
  return body
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'heading')
    .map((node) =>
      node
        .toArray()
        .map((child) => (child instanceof Y.XmlText ? child.toString() : ''))
        .join(''),
    )
}

export async function search(api: Api, workspaceId: string, q: string, kind?: string) {
  const params = new URLSearchParams({ q })
  if (kind) params.set('kind', kind)
  const res = await api.get(`/api/workspaces/${workspaceId}/search?${params}`)
  if (res.status !== 200) throw new Error(`search ${q}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.results as { pageId: string; title: string; kind: string; snippet: string }[]
}

/** Waits until searching `q` returns `pageId`, and returns that result. */
export function waitSearchHit(api: Api, workspaceId: string, q: string, pageId: string, timeoutMs = 5000) {
  return waitFor(
    async () => (await search(api, workspaceId, q)).find((r) => r.pageId === pageId),
    timeoutMs,
    `search "${q}" to find ${pageId}`,
  )
}
