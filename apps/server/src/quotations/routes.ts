/** Quotations, where passages are quoted, evidence tables, passages to quote, and memos. */
import { MEMO_SUBJECT_KINDS } from '@tisserand/api-types'
import { EVIDENCE_GROUPINGS } from '@tisserand/editor-schema'
import { z } from 'zod'
import { ApiError } from '../errors.ts'
import { inWorkspace, onPage, type RouteHandlers, type RouteSpecs } from '../http/route-table.ts'
import { readJson, readQuery } from '../http/validate.ts'
import type { PageServices } from '../pages/index.ts'
import type { WorkspaceEvents } from '../workspaces/index.ts'
import { evidenceFilters, idList } from './embeds.ts'
import type { QuotationServices } from './services.ts'

export interface QuotationRouteDeps {
  quotations: QuotationServices
  workspaceEvents: WorkspaceEvents
  changes: PageServices['changes']
}

const id = z.string().min(1).max(64)
const evidenceParams = z.object({
  codeIds: z.string().min(1).max(4000),
  groupBy: z.enum(EVIDENCE_GROUPINGS).default('case'),
  territory: z.string().max(200).optional(),
  status: z.string().max(200).optional(),
  needsOrigin: z.string().max(200).optional(),
})
const quotableParams = z.object({
  q: z.string().max(500).default(''),
  codeId: id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})
const memoParams = z.object({ subjectKind: z.enum(MEMO_SUBJECT_KINDS), subjectId: id })
const memoBody = z.object({
  title: z.string().trim().min(1).max(300),
  subjectKind: z.enum(MEMO_SUBJECT_KINDS),
  subjectId: id,
})

export const QUOTATION_ROUTES = {
  listPageQuotations: { method: 'GET', path: '/api/pages/:pageId/quotations', guard: onPage('page.read') },
  listPageCitedIn: { method: 'GET', path: '/api/pages/:pageId/cited-in', guard: onPage('page.read') },
  listCodeCitedIn: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/codes/:codeId/cited-in',
    guard: inWorkspace('page.read'),
  },
  evidenceTable: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/evidence',
    guard: inWorkspace('page.read'),
  },
  searchQuotable: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/quotable',
    guard: inWorkspace('page.read'),
  },
  listMemos: { method: 'GET', path: '/api/workspaces/:workspaceId/memos', guard: inWorkspace('page.read') },
  createMemo: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/memos',
    guard: inWorkspace('page.create'),
  },
  getPageMemo: { method: 'GET', path: '/api/pages/:pageId/memo', guard: onPage('page.read') },
} as const satisfies RouteSpecs

export function quotationHandlers({
  quotations,
  workspaceEvents,
  changes,
}: QuotationRouteDeps): RouteHandlers<typeof QUOTATION_ROUTES> {
  const { quoted, evidence, memos, codeExists } = quotations
  const requireCode = async (workspaceId: string, codeId: string, field: string) => {
    if (!(await codeExists(workspaceId, codeId)))
      throw new ApiError(404, 'code_not_found', 'No such code in this workspace', field)
  }
  return {
    listPageQuotations: async (c) => c.json({ quotations: await quoted.ofPage(c.get('page')) }),
    listPageCitedIn: async (c) => c.json({ citedIn: await quoted.citing(c.get('page')) }),
    listCodeCitedIn: async (c) => {
      const workspaceId = c.get('workspaceId')
      const codeId = c.req.param('codeId') ?? ''
      await requireCode(workspaceId, codeId, 'codeId')
      return c.json({ citedIn: await quoted.citingCode(workspaceId, codeId) })
    },
    evidenceTable: async (c) => {
      const params = readQuery(c.req.query(), evidenceParams)
      const codeIds = idList(params.codeIds)
      if (codeIds.length === 0) throw new ApiError(400, 'invalid_input', 'codeIds: no code ids', 'codeIds')
      const workspaceId = c.get('workspaceId')
      for (const codeId of codeIds) await requireCode(workspaceId, codeId, 'codeIds')
      const filters = evidenceFilters({
        territory: params.territory,
        status: params.status,
        needsOrigin: params.needsOrigin,
      })
      const table = await evidence.table(workspaceId, { codeIds, filters, groupBy: params.groupBy })
      return c.json({ groupBy: params.groupBy, ...table })
    },
    searchQuotable: async (c) => {
      const params = readQuery(c.req.query(), quotableParams)
      const workspaceId = c.get('workspaceId')
      if (params.codeId) await requireCode(workspaceId, params.codeId, 'codeId')
      return c.json({ passages: await evidence.search(workspaceId, params) })
    },
    listMemos: async (c) => {
      const { subjectKind, subjectId } = readQuery(c.req.query(), memoParams)
      return c.json({ memos: await memos.about(c.get('workspaceId'), { kind: subjectKind, id: subjectId }) })
    },
    createMemo: async (c) => {
      const body = await readJson(c, memoBody)
      const workspaceId = c.get('workspaceId')
      const userId = c.get('auth')?.user.id ?? ''
      const created = await memos.create({
        workspaceId,
        userId,
        title: body.title,
        subject: { kind: body.subjectKind, id: body.subjectId },
      })
      changes.record(workspaceId, created.page.id, userId)
      workspaceEvents.publish(workspaceId, { type: 'page.created', pageId: created.page.id, actorId: userId })
      workspaceEvents.publish(workspaceId, {
        type: 'memo.created',
        pageId: created.page.id,
        subjectKind: body.subjectKind,
        subjectId: body.subjectId,
        actorId: userId,
      })
      return c.json(created, 201)
    },
    getPageMemo: async (c) => c.json({ memo: await memos.get(c.get('page').id) }),
  }
}
