/**
 * The typology's API routes with their guards, spread into ROUTES (http/route-table.ts) so the
 * route × role test walks them like every other route.
 */
import type { Action } from '../access/policy.ts'
import type { RouteSpec } from '../http/route-table.ts'

const ws = (action: Action) => ({ kind: 'workspace', action }) as const
const page = (action: Action) => ({ kind: 'page', action }) as const
const W = '/api/workspaces/:workspaceId'
const CB = `${W}/codebook`
const P = '/api/pages/:pageId'

export const TYPOLOGY_ROUTES = {
  getCodebook: { method: 'GET', path: CB, guard: ws('workspace.read') },
  createCode: { method: 'POST', path: `${CB}/codes`, guard: ws('codebook.edit') },
  updateCode: { method: 'PATCH', path: `${CB}/codes/:codeId`, guard: ws('codebook.edit') },
  moveCode: { method: 'POST', path: `${CB}/codes/:codeId/move`, guard: ws('codebook.edit') },
  mergeCode: { method: 'POST', path: `${CB}/codes/:codeId/merge`, guard: ws('codebook.edit') },
  retireCode: { method: 'POST', path: `${CB}/codes/:codeId/retire`, guard: ws('codebook.edit') },
  restoreCode: { method: 'POST', path: `${CB}/codes/:codeId/restore`, guard: ws('codebook.edit') },
  createCodeRelation: { method: 'POST', path: `${CB}/relations`, guard: ws('codebook.edit') },
  deleteCodeRelation: { method: 'DELETE', path: `${CB}/relations/:relationId`, guard: ws('codebook.edit') },
  listCodebookChanges: { method: 'GET', path: `${CB}/changes`, guard: ws('workspace.read') },
  revertCodebookChange: {
    method: 'POST',
    path: `${CB}/changes/:changeId/revert`,
    guard: ws('codebook.edit'),
  },
  listPageCodes: { method: 'GET', path: `${P}/codes`, guard: page('page.read') },
  addPageCode: { method: 'POST', path: `${P}/codes`, guard: page('page.code') },
  removePageCode: { method: 'DELETE', path: `${P}/codes/:codeId`, guard: page('page.code') },
  listPassageCodings: { method: 'GET', path: `${P}/passages`, guard: page('page.read') },
  createPassageCoding: { method: 'POST', path: `${P}/passages`, guard: page('page.code') },
  updatePassageCoding: { method: 'PATCH', path: `${P}/passages/:codingId`, guard: page('page.code') },
  deletePassageCoding: { method: 'DELETE', path: `${P}/passages/:codingId`, guard: page('page.code') },
  listCodePassages: { method: 'GET', path: `${W}/codes/:codeId/passages`, guard: ws('workspace.read') },
  listCodePages: { method: 'GET', path: `${W}/codes/:codeId/pages`, guard: ws('workspace.read') },
  getMatrix: { method: 'GET', path: `${W}/matrix`, guard: ws('workspace.read') },
  getCooccurrence: { method: 'GET', path: `${W}/cooccurrence`, guard: ws('workspace.read') },
  getCodeUsage: { method: 'GET', path: `${W}/code-usage`, guard: ws('workspace.read') },
  exportQdpx: { method: 'GET', path: `${W}/export/qdpx`, guard: ws('workspace.read') },
  exportQdc: { method: 'GET', path: `${W}/export/qdc`, guard: ws('workspace.read') },
  exportCodebookCsv: { method: 'GET', path: `${W}/export/codebook.csv`, guard: ws('workspace.read') },
  exportPassagesCsv: { method: 'GET', path: `${W}/export/passages.csv`, guard: ws('workspace.read') },
  exportMatrixCsv: { method: 'GET', path: `${W}/export/matrix.csv`, guard: ws('workspace.read') },
  importQdc: { method: 'POST', path: `${W}/import/qdc`, guard: ws('codebook.edit') },
} as const satisfies Record<string, RouteSpec>
