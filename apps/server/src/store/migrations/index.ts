/** Every migration, in order. Add a file and a line here; never edit a migration that has shipped. */
import type { Migration, MigrationProvider } from 'kysely/migration'
import * as documents from './0001_documents.ts'
import * as accounts from './0002_accounts.ts'
import * as wiki from './0004_wiki.ts'
import * as comments from './0005_comments.ts'
import * as typology from './0006_typology.ts'
import * as searchRowids from './0007_search_rowids.ts'
import * as dropCaseAttribute from './0008_drop_case_attribute.ts'
import * as history from './0009_history.ts'
import * as quotations from './0010_quotations.ts'
import * as codingRounds from './0011_coding_rounds.ts'
import * as importedCoders from './0012_imported_coders.ts'
import * as files from './0013_files.ts'
import * as importSynonyms from './0014_import_synonyms.ts'
import * as postgres from './0015_postgres.ts'
import * as updateAuthorship from './0016_update_authorship.ts'

const migrations: Record<string, Migration> = {
  '0001_documents': documents,
  '0002_accounts': accounts,
  '0004_wiki': wiki,
  '0005_comments': comments,
  '0006_typology': typology,
  '0007_search_rowids': searchRowids,
  '0008_drop_case_attribute': dropCaseAttribute,
  '0009_history': history,
  '0010_quotations': quotations,
  '0011_coding_rounds': codingRounds,
  '0012_imported_coders': importedCoders,
  '0013_files': files,
  '0014_import_synonyms': importSynonyms,
  '0015_postgres': postgres,
  '0016_update_authorship': updateAuthorship,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
