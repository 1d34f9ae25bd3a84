/** The history feature: versions of pages, comparisons, restores, and who wrote what. */
export { HISTORY_ROUTES, type HistoryRouteDeps, historyHandlers } from './routes.ts'
export { createHistory, type HistoryServices } from './services.ts'
