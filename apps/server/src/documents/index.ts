/**
 * Documents in and out of Tisserand (docs/documents.md). The only module other parts of the
 * server import.
 */
// Import: files (DOCX, Markdown, HTML, text, ZIP) as pages.

export { createImports, type ImportServices } from './import/services.ts'
export {
  IMPORT_ROUTES,
  type ImportRouteDeps,
  importBodyLimit,
  importHandlers,
  isImportUpload,
} from './import-routes.ts'

// Export: pages, the study dossier and the Markdown archive.
export { DOCUMENT_EXPORT_ROUTES, type DocumentExportDeps, documentExportHandlers } from './export-routes.ts'
