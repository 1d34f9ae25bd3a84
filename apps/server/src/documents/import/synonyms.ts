/**
 * The words an imported case sheet may use for the template's sections and for the case
 * properties: a document titled « Les acteurs » under « Acteurs et territoire », a table row
 * « Date de création » for the year founded. Matching folds case and accents (normalizeLabel).
 * Owners edit the lists; a workspace that never did uses the defaults below.
 */
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../store/schema.ts'

export const PROPERTY_NAMES = ['territory', 'yearFounded', 'needsOrigin', 'status'] as const
export type PropertyName = (typeof PROPERTY_NAMES)[number]

export interface ImportSynonyms {
  /** Template section heading → other headings that mean it. */
  sections: Record<string, string[]>
  /** Case property → labels of a properties-table row that name it. */
  properties: Record<PropertyName, string[]>
}

const words = z.array(z.string().trim().min(1).max(200)).max(50)

export const synonymsBody = z
  .object({
    sections: z.record(z.string().trim().min(1).max(300), words).refine((r) => Object.keys(r).length <= 100, {
      message: 'At most 100 sections',
    }),
    properties: z
      .object({ territory: words, yearFounded: words, needsOrigin: words, status: words })
      .strict(),
  })
  .strict()

export const DEFAULT_SYNONYMS: ImportSynonyms = {
  sections: {
    "Présentation de l'initiative": [
      'Présentation',
      'Présentation générale',
      "L'initiative",
      "Description de l'initiative",
      'Description',
    ],
    'Acteurs et territoire': [
      'Acteurs',
      'Territoire',
      'Les acteurs',
      'Acteurs et partenaires',
      'Partenaires',
    ],
    'Besoins adressés': [
      'Besoins',
      'Les besoins',
      'Besoins identifiés',
      'Besoins couverts',
      'Besoins traités',
    ],
    Gouvernance: ['Mode de gouvernance', 'La gouvernance', 'Organisation et gouvernance', 'Fonctionnement'],
    "Changement d'échelle": ['Essaimage', 'Développement', "Passage à l'échelle", 'Perspectives'],
    'Sources et contacts': ['Sources', 'Contacts', 'Références', 'Bibliographie', 'Pour aller plus loin'],
  },
  properties: {
    territory: ['Territoire', "Territoire d'intervention", 'Lieu', 'Localisation', 'Commune', 'Territory'],
    yearFounded: [
      'Année de création',
      'Date de création',
      'Création',
      'Année de fondation',
      'Créée en',
      'Year founded',
    ],
    needsOrigin: ['Origine des besoins', 'Origine du besoin', 'Besoins exprimés par', 'Origin of needs'],
    status: ['Statut', 'État', "État de l'initiative", 'Situation', 'Status'],
  },
}

/** Case- and accent-folded, punctuation and leading numbering (« 2. », « II - ») left out. */
export function normalizeLabel(text: string): string {
  return text
    .replace(/^\s*(\d+(\.\d+)*|[IVXLC]+)\s*[.)\-–—:]\s*/u, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

type SynonymsTable = {
  import_synonyms: { workspace_id: string; data: string; updated_by: string; updated_at: number }
}

export class Synonyms {
  private readonly db: Kysely<Database & SynonymsTable>

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<SynonymsTable>()
  }

  async get(workspaceId: string): Promise<ImportSynonyms> {
    const row = await this.db
      .selectFrom('import_synonyms')
      .select('data')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    if (!row) return structuredClone(DEFAULT_SYNONYMS)
    const parsed = synonymsBody.safeParse(JSON.parse(row.data))
    return parsed.success ? parsed.data : structuredClone(DEFAULT_SYNONYMS)
  }

  async set(workspaceId: string, userId: string, synonyms: ImportSynonyms): Promise<ImportSynonyms> {
    const data = JSON.stringify(synonyms)
    const now = Date.now()
    await this.db
      .insertInto('import_synonyms')
      .values({ workspace_id: workspaceId, data, updated_by: userId, updated_at: now })
      .onConflict((oc) =>
        oc.column('workspace_id').doUpdateSet({ data, updated_by: userId, updated_at: now }),
      )
      .execute()
    return synonyms
  }
}
