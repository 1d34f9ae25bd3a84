/** The typology feature: the codebook, case and passage coding, the comparison views, REFI-QDA exchange. */

export { requireCodableCode } from './case-coding.ts'
export { TYPOLOGY_EXPORT_ROUTES, type TypologyExportDeps, typologyExportHandlers } from './export-routes.ts'
export { type PassageTarget, toPassage } from './passages.ts'
export { toCsv } from './refi/csv.ts'
export { plainText } from './refi/plain-text.ts'
export { TYPOLOGY_ROUTES, type TypologyRouteDeps, typologyHandlers } from './routes.ts'
export { createTypology, type Typology } from './services.ts'
export { NO_ROUNDS, type RoundRules, type Viewer, visibleTo } from './visibility.ts'
