/**
 * Attributes of a case (fields, not codes), exported as REFI-QDA variables. The study records
 * where a case's needs come from: expressed by the beneficiaries, arising from the initiative, or both.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'

export const CASE_ATTRIBUTES = {
  needsOrigin: ['beneficiaries', 'initiative', 'both'],
} as const

export type CaseAttributeName = keyof typeof CASE_ATTRIBUTES
export type CaseAttributeValues = Partial<Record<CaseAttributeName, string | null>>

/** Labels of the attributes and their values as exported (the study's language). */
export const ATTRIBUTE_LABELS: Record<CaseAttributeName, { name: string; values: Record<string, string> }> = {
  needsOrigin: {
    name: 'Origine des besoins',
    values: {
      beneficiaries: 'Exprimés par les bénéficiaires',
      initiative: 'Issus de l’initiative',
      both: 'Les deux',
    },
  },
}

export class CaseAttributes {
  constructor(private readonly db: Kysely<Database>) {}

  async get(pageId: string): Promise<CaseAttributeValues> {
    const rows = await this.db
      .selectFrom('case_attribute')
      .selectAll()
      .where('page_id', '=', pageId)
      .execute()
    const out: CaseAttributeValues = {}
    for (const row of rows) if (row.name in CASE_ATTRIBUTES) out[row.name as CaseAttributeName] = row.value
    return out
  }

  async forWorkspace(workspaceId: string): Promise<Map<string, CaseAttributeValues>> {
    const rows = await this.db
      .selectFrom('case_attribute')
      .innerJoin('page', 'page.id', 'case_attribute.page_id')
      .selectAll('case_attribute')
      .where('page.workspace_id', '=', workspaceId)
      .execute()
    const out = new Map<string, CaseAttributeValues>()
    for (const row of rows) {
      if (!(row.name in CASE_ATTRIBUTES)) continue
      const values = out.get(row.page_id) ?? {}
      values[row.name as CaseAttributeName] = row.value
      out.set(row.page_id, values)
    }
    return out
  }

  /** Sets (or, with null, clears) the given attributes. */
  async set(pageId: string, userId: string, values: CaseAttributeValues): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      for (const [name, value] of Object.entries(values)) {
        await tx.deleteFrom('case_attribute').where('page_id', '=', pageId).where('name', '=', name).execute()
        if (value === null || value === undefined) continue
        await tx
          .insertInto('case_attribute')
          .values({ page_id: pageId, name, value, updated_by: userId, updated_at: Date.now() })
          .execute()
      }
    })
  }
}
