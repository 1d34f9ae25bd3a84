/**
 * Structured fields of a page, shown in the properties panel. Case sheets carry the case
 * attributes the study compares cases on; they are fields, not typology codes.
 */
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../store/schema.ts'

/** Where the needs an initiative answers came from (domain.md: often both). */
export const NEEDS_ORIGINS = ['beneficiaries', 'initiative', 'both'] as const
/** Where the initiative stands today. */
export const CASE_STATUSES = ['active', 'paused', 'ended'] as const

/** A PATCH body: each field set to a value, or to null to clear it; absent fields are kept. */
export const casePropertiesPatch = z
  .object({
    territory: z.string().trim().min(1).max(200).nullable(),
    yearFounded: z.number().int().min(1800).max(2100).nullable(),
    needsOrigin: z.enum(NEEDS_ORIGINS).nullable(),
    status: z.enum(CASE_STATUSES).nullable(),
  })
  .partial()
  .strict()

export type CasePropertiesPatch = z.infer<typeof casePropertiesPatch>

export interface CaseProperties {
  territory: string | null
  yearFounded: number | null
  needsOrigin: (typeof NEEDS_ORIGINS)[number] | null
  status: (typeof CASE_STATUSES)[number] | null
}

const EMPTY: CaseProperties = { territory: null, yearFounded: null, needsOrigin: null, status: null }

export class PageProperties {
  constructor(private readonly db: Kysely<Database>) {}

  async get(pageId: string): Promise<CaseProperties> {
    const row = await this.db
      .selectFrom('page_property')
      .select('data')
      .where('page_id', '=', pageId)
      .executeTakeFirst()
    if (!row) return { ...EMPTY }
    // Stored rows were validated on the way in; re-parse so a renamed field cannot leak out.
    const parsed = casePropertiesPatch.safeParse(JSON.parse(row.data))
    return { ...EMPTY, ...(parsed.success ? parsed.data : {}) }
  }

  async patch(pageId: string, patch: CasePropertiesPatch): Promise<CaseProperties> {
    const next = { ...(await this.get(pageId)), ...patch }
    const data = JSON.stringify(next)
    const now = Date.now()
    await this.db
      .insertInto('page_property')
      .values({ page_id: pageId, data, updated_at: now })
      .onConflict((oc) => oc.column('page_id').doUpdateSet({ data, updated_at: now }))
      .execute()
    return next
  }
}
