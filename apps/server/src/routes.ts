/**
 * Every feature's API routes in one place: the tables (what the access-matrix test walks) and the
 * handlers bound to the services server.ts builds. A new feature adds its table and its handlers
 * here, once each.
 */
import {
  ACCOUNT_ROUTES,
  type AccountRouteDeps,
  accountHandlers,
  TOKEN_ROUTES,
  tokenHandlers,
} from './accounts/index.ts'
import {
  COMMENT_ROUTES,
  type CommentRouteDeps,
  commentHandlers,
  NOTIFICATION_ROUTES,
  notificationHandlers,
} from './comments/index.ts'
import {
  DOCUMENT_EXPORT_ROUTES,
  type DocumentExportDeps,
  documentExportHandlers,
  IMPORT_ROUTES,
  type ImportRouteDeps,
  importHandlers,
} from './documents/index.ts'
import { FILE_ROUTES, type FileRouteDeps, fileHandlers } from './files/index.ts'
import { HISTORY_ROUTES, type HistoryRouteDeps, historyHandlers } from './history/index.ts'
import { assembleRoutes, type MountedRoute, withHandlers } from './http/route-table.ts'
import { PAGE_ROUTES, type PageRouteDeps, pageHandlers } from './pages/index.ts'
import { QUOTATION_ROUTES, type QuotationRouteDeps, quotationHandlers } from './quotations/index.ts'
import { ROUND_ROUTES, type RoundRouteDeps, roundHandlers } from './rounds/index.ts'
import {
  TYPOLOGY_EXPORT_ROUTES,
  TYPOLOGY_ROUTES,
  type TypologyExportDeps,
  type TypologyRouteDeps,
  typologyExportHandlers,
  typologyHandlers,
} from './typology/index.ts'
import { WIKI_ROUTES, type WikiRouteDeps, wikiHandlers } from './wiki/index.ts'
import {
  EVENT_ROUTES,
  eventHandlers,
  WORKSPACE_ROUTES,
  type WorkspaceRouteDeps,
  workspaceHandlers,
} from './workspaces/index.ts'

export const ROUTES = {
  ...ACCOUNT_ROUTES,
  ...TOKEN_ROUTES,
  ...WORKSPACE_ROUTES,
  ...EVENT_ROUTES,
  ...PAGE_ROUTES,
  ...WIKI_ROUTES,
  ...COMMENT_ROUTES,
  ...NOTIFICATION_ROUTES,
  ...TYPOLOGY_ROUTES,
  ...TYPOLOGY_EXPORT_ROUTES,
  ...HISTORY_ROUTES,
  ...FILE_ROUTES,
  ...IMPORT_ROUTES,
  ...QUOTATION_ROUTES,
  ...ROUND_ROUTES,
  ...DOCUMENT_EXPORT_ROUTES,
} as const

export type RouteName = keyof typeof ROUTES

/** What the handlers of every feature need, built once by server.ts. */
export type RouteDeps = AccountRouteDeps &
  WorkspaceRouteDeps &
  PageRouteDeps &
  WikiRouteDeps &
  CommentRouteDeps &
  TypologyRouteDeps &
  HistoryRouteDeps &
  FileRouteDeps &
  ImportRouteDeps &
  QuotationRouteDeps &
  TypologyExportDeps &
  RoundRouteDeps &
  DocumentExportDeps

export function mountedRoutes(deps: RouteDeps): MountedRoute[] {
  return assembleRoutes([
    withHandlers(ACCOUNT_ROUTES, accountHandlers(deps)),
    withHandlers(TOKEN_ROUTES, tokenHandlers(deps)),
    withHandlers(WORKSPACE_ROUTES, workspaceHandlers(deps)),
    withHandlers(EVENT_ROUTES, eventHandlers(deps)),
    withHandlers(PAGE_ROUTES, pageHandlers(deps)),
    withHandlers(WIKI_ROUTES, wikiHandlers(deps)),
    withHandlers(COMMENT_ROUTES, commentHandlers(deps)),
    withHandlers(NOTIFICATION_ROUTES, notificationHandlers(deps)),
    withHandlers(TYPOLOGY_ROUTES, typologyHandlers(deps)),
    withHandlers(TYPOLOGY_EXPORT_ROUTES, typologyExportHandlers(deps)),
    withHandlers(HISTORY_ROUTES, historyHandlers(deps)),
    withHandlers(FILE_ROUTES, fileHandlers(deps)),
    withHandlers(IMPORT_ROUTES, importHandlers(deps)),
    withHandlers(QUOTATION_ROUTES, quotationHandlers(deps)),
    withHandlers(ROUND_ROUTES, roundHandlers(deps)),
    withHandlers(DOCUMENT_EXPORT_ROUTES, documentExportHandlers(deps)),
  ])
}
