/**
 * Case variables for REFI-QDA: the wiki's case properties (pages/page-properties.ts, the panel
 * on a case sheet) exported as variables with the labels and values the study uses. One source of
 * truth: the typology keeps no attributes of its own.
 */

import type { Kysely } from 'kysely'
import { type CaseProperties, PageProperties } from '../pages/index.ts'
import type { Database } from '../store/schema.ts'

export type CaseVariableName = keyof CaseProperties
export type CaseVariableValues = Partial<Record<CaseVariableName, string>>

/** Exported names and value labels, in export order (the study's language). */
export const CASE_VARIABLES: Record<CaseVariableName, { name: string; values?: Record<string, string> }> = {
  needsOrigin: {
    name: 'Origine des besoins',
    values: {
      beneficiaries: 'Exprimés par les bénéficiaires',
      initiative: 'Issus de l’initiative',
      both: 'Les deux',
    },
  },
  territory: { name: 'Territoire' },
  yearFounded: { name: 'Année de création' },
  status: {
    name: 'Statut de l’initiative',
    values: { active: 'En activité', paused: 'En pause', ended: 'Arrêtée' },
  },
}

export const CASE_VARIABLE_NAMES = Object.keys(CASE_VARIABLES) as CaseVariableName[]

/** A case's properties that are set, as exported text. */
export async function caseVariables(db: Kysely<Database>, pageId: string): Promise<CaseVariableValues> {
  const properties = await new PageProperties(db).get(pageId)
  const out: CaseVariableValues = {}
  for (const name of CASE_VARIABLE_NAMES) {
    const value = properties[name]
    if (value === null || value === undefined || value === '') continue
    const text = String(value)
    out[name] = CASE_VARIABLES[name].values?.[text] ?? text
  }
  return out
}
