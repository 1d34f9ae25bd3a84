/**
 * Documents in and out of Tisserand (docs/documents.md): files (DOCX, Markdown, HTML, text, ZIP)
 * imported as pages; pages, the study dossier and the Markdown archive exported. The only module
 * other parts of the server import.
 */
export { DOCUMENT_EXPORT_ROUTES, type DocumentExportDeps, documentExportHandlers } from './export-routes.ts'
export { createImports, type ImportServices } from './import/services.ts'
export {
  IMPORT_ROUTES,
  type ImportRouteDeps,
  importBodyLimit,
  importHandlers,
  isImportUpload,
} from './import-routes.ts'
