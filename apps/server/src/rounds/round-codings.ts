/**
 * A round's coders' codings as they read now: each round page's plain text and every coder's
 * coding on it resolved against the current body (offsets in code points for the statistics,
 * UTF-16 for placing new anchors), and their case-level codes.
 */
import type { Kysely } from 'kysely'
import { BODY_FRAGMENT, codePointOffset, flattenBody, resolvePassage } from '../anchors/text-anchors.ts'
import type { Database } from '../store/schema.ts'
import type { PageDocs } from '../sync/page-docs.ts'

export interface RoundPassage {
  id: string
  coderId: string
  codeId: string
  /** Code points, end exclusive. */
  from: number
  to: number
  utf16From: number
  utf16To: number
  text: string
  anchorStart: Uint8Array
  anchorEnd: Uint8Array
}

export interface RoundPageText {
  pageId: string
  title: string
  text: string
  /** Code points. */
  length: number
  passages: RoundPassage[]
}

export async function readRoundCodings(
  db: Kysely<Database>,
  bodies: PageDocs,
  round: { id: string; pageIds: string[]; coderIds: string[]; codeIds: string[] },
): Promise<{ pages: RoundPageText[]; caseCodes: { coderId: string; pageId: string; codeId: string }[] }> {
  const inScope = new Set(round.codeIds)
  const coders = new Set(round.coderIds)
  const pages: RoundPageText[] = []
  for (const pageId of round.pageIds) {
    const page = await db
      .selectFrom('page')
      .select(['id', 'title'])
      .where('id', '=', pageId)
      .executeTakeFirst()
    if (!page) continue
    const rows = await db
      .selectFrom('passage_coding')
      .selectAll()
      .where('page_id', '=', pageId)
      .where('round_id', '=', round.id)
      .where('round_role', '=', 'coder')
      .orderBy('created_at')
      .execute()
    const read = await bodies.read(pageId, (doc) => {
      const flat = flattenBody(doc.getXmlFragment(BODY_FRAGMENT))
      const passages: RoundPassage[] = []
      for (const row of rows) {
        if (!inScope.has(row.code_id) || !coders.has(row.created_by)) continue
        const resolved = resolvePassage(doc, flat, { start: row.anchor_start, end: row.anchor_end })
        if (!resolved) continue
        passages.push({
          id: row.id,
          coderId: row.created_by,
          codeId: row.code_id,
          from: codePointOffset(flat.text, resolved.from),
          to: codePointOffset(flat.text, resolved.to),
          utf16From: resolved.from,
          utf16To: resolved.to,
          text: resolved.text,
          anchorStart: row.anchor_start,
          anchorEnd: row.anchor_end,
        })
      }
      return { text: flat.text, passages }
    })
    pages.push({
      pageId,
      title: page.title,
      text: read.text,
      length: codePointOffset(read.text, read.text.length),
      passages: read.passages,
    })
  }
  const caseRows = await db
    .selectFrom('round_case_code')
    .select(['created_by', 'page_id', 'code_id'])
    .where('round_id', '=', round.id)
    .execute()
  return {
    pages,
    caseCodes: caseRows
      .filter((r) => inScope.has(r.code_id) && coders.has(r.created_by))
      .map((r) => ({ coderId: r.created_by, pageId: r.page_id, codeId: r.code_id })),
  }
}
