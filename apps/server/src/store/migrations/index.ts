/** Every migration, in order. Add a file and a line here; never edit a migration that has shipped. */
import type { Migration, MigrationProvider } from 'kysely/migration'
import * as documents from './0001_documents.ts'

const migrations: Record<string, Migration> = {
  '0001_documents': documents,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
