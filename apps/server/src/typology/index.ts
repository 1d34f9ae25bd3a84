/** The typology feature: the codebook, case and passage coding, the comparison views, REFI-QDA exchange. */
export { TYPOLOGY_EXPORT_ROUTES, typologyExportHandlers } from './export-routes.ts'
export { TYPOLOGY_ROUTES, type TypologyRouteDeps, typologyHandlers } from './routes.ts'
export { createTypology, type Typology } from './services.ts'
