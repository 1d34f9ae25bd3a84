/**
 * Coded passages as derived data: after a page body changes, re-resolve its passages' anchors
 * against the current document and write their text, position and detached state. It is one
 * pass of the wiki's page indexer, so it shares its debounce and reads the body once with it.
 */
import type { Kysely } from 'kysely'
import { BODY_FRAGMENT, flattenBody, resolvePassage } from '../anchors/text-anchors.ts'
import type { DerivePass } from '../derive/derive-pass.ts'
import type { Database } from '../store/schema.ts'

export function passagePass(
  db: Kysely<Database>,
  /** Called when a page's passages changed (text, position or detached). */
  onChanged: (workspaceId: string, pageId: string) => void,
): DerivePass {
  return {
    name: 'coded-passages',
    async apply({ page, readDoc }) {
      const pageId = page.id
      const rows = await db
        .selectFrom('passage_coding')
        .select([
          'id',
          'workspace_id',
          'anchor_start',
          'anchor_end',
          'text',
          'start_offset',
          'end_offset',
          'detached',
        ])
        .where('page_id', '=', pageId)
        .execute()
      if (rows.length === 0) return
      const results = await readDoc((doc) => {
        const flat = flattenBody(doc.getXmlFragment(BODY_FRAGMENT))
        return rows.map((row) => resolvePassage(doc, flat, { start: row.anchor_start, end: row.anchor_end }))
      })
      const now = Date.now()
      let changed = false
      await db.transaction().execute(async (tx) => {
        for (const [index, row] of rows.entries()) {
          const resolved = results[index] ?? null
          const next = resolved
            ? { text: resolved.text, start_offset: resolved.from, end_offset: resolved.to, detached: 0 }
            : { text: null, start_offset: null, end_offset: null, detached: 1 }
          if (
            row.text === next.text &&
            row.start_offset === next.start_offset &&
            row.end_offset === next.end_offset &&
            Number(row.detached) === next.detached
          )
            continue
          changed = true
          await tx
            .updateTable('passage_coding')
            .set({ ...next, derived_at: now })
            .where('id', '=', row.id)
            .execute()
        }
      })
      const workspaceId = rows[0]?.workspace_id
      if (changed && workspaceId) onChanged(workspaceId, pageId)
    },
  }
}
