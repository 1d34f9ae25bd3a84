/** The import's services, built once per process by server.ts. */
import type { Kysely } from 'kysely'
import type { Files } from '../../files/index.ts'
import type { Page, PageServices } from '../../pages/index.ts'
import type { Database } from '../../store/schema.ts'
import { Importer, type ImportLimits } from './importer.ts'
import { Synonyms } from './synonyms.ts'

export interface ImportServices {
  importer: Importer
  importSynonyms: Synonyms
}

export function createImports(deps: {
  db: Kysely<Database>
  pages: PageServices
  files: Files
  limits: ImportLimits
  written(pageId: string): Promise<void>
  recordVersion(pageId: string, userId: string): Promise<void>
  created(page: Page, userId: string): void
}): ImportServices {
  const importSynonyms = new Synonyms(deps.db)
  const importer = new Importer({ ...deps, synonyms: importSynonyms })
  return { importer, importSynonyms }
}
