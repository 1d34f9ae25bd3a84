/** The documents feature: exports of pages and of the study dossier (export-routes.ts). */
export { DOCUMENT_EXPORT_ROUTES, type DocumentExportDeps, documentExportHandlers } from './export-routes.ts'
