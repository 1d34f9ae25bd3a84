/** The wiki feature: links between pages and outlines, search, the derive passes behind them, the seed study. */

export { searchTextOf } from './derive-passes.ts'
export { WIKI_ROUTES, type WikiRouteDeps, wikiHandlers } from './routes.ts'
export { createWiki, type WikiServices } from './wiki.ts'
