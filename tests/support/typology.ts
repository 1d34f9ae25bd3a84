/** Helpers for typology tests: the codebook by label, text in a page body, coding by text range. */
import * as Y from 'yjs'
import { flattenBody } from '../../apps/server/src/anchors/text-anchors.ts'
import type { Api } from './api.ts'
import { addParagraph } from './edits.ts'

export interface CodeRow {
  id: string
  parentId: string | null
  label: string
  description: string
  color: string | null
  position: number
  retired: boolean
}

export async function codebook(api: Api, workspaceId: string, retired = false) {
  const res = await api.get<{
    codes: CodeRow[]
    relations: { fromId: string; toId: string; kind: string }[]
  }>(`/api/workspaces/${workspaceId}/codebook${retired ? '?retired=true' : ''}`)
  if (res.status !== 200) throw new Error(`codebook: ${res.status}`)
  return res.body
}

/** The code with `label` (under the dimension `dimension` when labels repeat). */
export async function codeByLabel(api: Api, workspaceId: string, label: string, dimension?: string) {
  const { codes } = await codebook(api, workspaceId)
  const byId = new Map(codes.map((c) => [c.id, c]))
  const top = (c: CodeRow): CodeRow => (c.parentId ? top(byId.get(c.parentId) as CodeRow) : c)
  const found = codes.find((c) => c.label === label && (!dimension || top(c).label === dimension))
  if (!found) throw new Error(`no code ${label}`)
  return found
}

/** Plain text of a body exactly as the server flattens it (blocks separated by "\n"). */
export function bodyText(body: Y.XmlFragment): string {
  return flattenBody(body).text
}

export function writeParagraphs(doc: Y.Doc, paragraphs: string[]): void {
  const body = doc.getXmlFragment('default')
  doc.transact(() => {
    for (const text of paragraphs) addParagraph(body, text)
  })
}

/** Codes the first occurrence of `quote` in the page by text range (UTF-16 offsets). */
export async function codeQuote(api: Api, pageId: string, text: string, quote: string, codeIds: string[]) {
  const from = text.indexOf(quote)
  if (from < 0) throw new Error(`quote not in text: ${quote}`)
  const res = await api.post<{ passages: { id: string; codeId: string; text: string }[] }>(
    `/api/pages/${pageId}/passages`,
    { codeIds, range: { from, to: from + quote.length }, quote },
  )
  if (res.status !== 201) throw new Error(`coding failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.passages
}

/** Codes a passage the way an editor does: relative positions made in the client's own document. */
export function clientAnchor(text: Y.XmlText, from: number, to: number) {
  const encode = (index: number, assoc: number) =>
    Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index, assoc))).toString(
      'base64',
    )
  return { start: encode(from, 0), end: encode(to, -1) }
}
