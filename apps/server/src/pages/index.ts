/** The pages feature: page rows, the tree and trash, case properties, the case-sheet template, bodies written by the server, recent changes. */

export type { CaseTemplates } from './case-template.ts'
export { defaultTemplateBody, TEMPLATE_SECTIONS, TEMPLATE_TITLE } from './case-template.ts'
export type { PageBodies } from './page-bodies.ts'
export { type CaseProperties, casePropertiesPatch, PageProperties } from './page-properties.ts'
export type { PageTree } from './page-tree.ts'
export { PAGE_KINDS, type Page, Pages, toPage } from './pages.ts'
export {
  bold,
  bulletList,
  doc,
  heading,
  italic,
  type ListItem,
  type PmJson,
  pageLink,
  paragraph,
} from './prosemirror-json.ts'
export type { RecentChanges } from './recent-changes.ts'
export { PAGE_ROUTES, type PageRouteDeps, pageHandlers } from './routes.ts'
export { createPageServices, type PageServices } from './services.ts'
export { socketWriteAction, syncAccess } from './socket-access.ts'
