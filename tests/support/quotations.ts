/** Helpers for quotation tests: case sheets with a coded passage, quotation nodes written by a client. */
import * as Y from 'yjs'
import type { Api } from './api.ts'
import type { TestClient } from './clients.ts'
import { waitFor } from './server.ts'
import { bodyText, codeQuote, writeParagraphs } from './typology.ts'

export interface QuotationRow {
  codingId: string
  sourcePageId: string | null
  sourceTitle: string | null
  text: string | null
  quotedText: string | null
  codes: { id: string; label: string }[]
  status: 'live' | 'changed' | 'source-removed'
}

/** Writes `paragraphs` through `writer` and codes `quote` with `codeIds` once the server has the text. */
export async function writeAndCode(
  api: Api,
  writer: TestClient,
  pageId: string,
  paragraphs: string[],
  quote: string,
  codeIds: string[],
) {
  writeParagraphs(writer.doc, paragraphs)
  return waitFor(
    async () => {
      try {
        return await codeQuote(api, pageId, bodyText(writer.body), quote, codeIds)
      } catch {
        return null
      }
    },
    10_000,
    `coding of “${quote}”`,
  )
}

/** Appends a `quotation` block naming `codingId` (or none) to a page body, as an editor would. */
export function insertQuotation(client: TestClient, codingId: string | null): void {
  const node = new Y.XmlElement('quotation')
  if (codingId !== null) node.setAttribute('codingId', codingId)
  client.body.insert(client.body.length, [node])
}

/** Appends an `evidenceTable` block. */
export function insertEvidenceTable(client: TestClient, codeIds: string[], groupBy = 'case'): void {
  const node = new Y.XmlElement('evidenceTable')
  node.setAttribute('codeIds', codeIds as unknown as string)
  node.setAttribute('groupBy', groupBy)
  client.body.insert(client.body.length, [node])
}

export async function quotationsOf(api: Api, pageId: string): Promise<QuotationRow[]> {
  const res = await api.get<{ quotations: QuotationRow[] }>(`/api/pages/${pageId}/quotations`)
  if (res.status !== 200) throw new Error(`quotations: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.quotations
}

/** Waits until the page's quotation of `codingId` satisfies `check`, and returns it. */
export function waitQuotation(
  api: Api,
  pageId: string,
  codingId: string,
  check: (q: QuotationRow) => boolean,
  timeoutMs = 5_000,
  what = 'quotation',
): Promise<QuotationRow> {
  return waitFor(
    async () => {
      const found = (await quotationsOf(api, pageId)).find((q) => q.codingId === codingId)
      return found && check(found) ? found : null
    },
    timeoutMs,
    what,
  )
}
