/** The live codes on passages: every coding sharing a passage's anchor on its page. */
import type { CodeRef, PersonRef } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'

export interface PassageCodes {
  codes: CodeRef[]
  coders: PersonRef[]
}

const key = (pageId: string, start: Uint8Array, end: Uint8Array) =>
  `${pageId}:${Buffer.from(start).toString('base64')}:${Buffer.from(end).toString('base64')}`

/** For each page's passages, keyed by `passageKey`, the codes (codebook order) and who applied them. */
export async function codesOnPassages(
  db: Kysely<Database>,
  pageIds: string[],
): Promise<Map<string, PassageCodes>> {
  const out = new Map<string, PassageCodes>()
  if (pageIds.length === 0) return out
  const rows = await db
    .selectFrom('passage_coding as pc')
    .innerJoin('code', 'code.id', 'pc.code_id')
    .innerJoin('user', 'user.id', 'pc.created_by')
    .select([
      'pc.page_id',
      'pc.anchor_start',
      'pc.anchor_end',
      'code.id as code_id',
      'code.label',
      'user.id as user_id',
      'user.name as user_name',
    ])
    .where('pc.page_id', 'in', [...new Set(pageIds)])
    .where('code.retired_at', 'is', null)
    .orderBy('code.position')
    .orderBy('pc.created_at')
    .execute()
  for (const row of rows) {
    const k = key(row.page_id, row.anchor_start, row.anchor_end)
    const entry = out.get(k) ?? { codes: [], coders: [] }
    if (!entry.codes.some((c) => c.id === row.code_id))
      entry.codes.push({ id: row.code_id, label: row.label })
    if (!entry.coders.some((p) => p.id === row.user_id))
      entry.coders.push({ id: row.user_id, name: row.user_name })
    out.set(k, entry)
  }
  return out
}

export const passageKey = (row: { page_id: string; anchor_start: Uint8Array; anchor_end: Uint8Array }) =>
  key(row.page_id, row.anchor_start, row.anchor_end)
