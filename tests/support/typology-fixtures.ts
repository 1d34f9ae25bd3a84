/**
 * Rows of the route × role matrix (tests/integration/access-matrix.test.ts) for the typology's
 * routes: how to call each one, with fresh codes where the call consumes them.
 */
import type { Api } from './api.ts'
import type { TestServer } from './server.ts'

interface MatrixContext {
  server: TestServer
  owner: Api
  workspaceId: string
  pageId: string
}

interface MatrixFixture {
  prepare?: (ctx: MatrixContext, caller: Api | null) => Promise<Record<string, string>>
  body?: (params: Record<string, string>) => unknown
}

let counter = 0

async function freshCode(ctx: MatrixContext): Promise<string> {
  const res = await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/codebook/codes`, {
    label: `Code ${Date.now()}-${counter++}`,
  })
  return res.body.codeId as string
}

const code = async (ctx: MatrixContext) => ({ codeId: await freshCode(ctx) })

export const TYPOLOGY_FIXTURES = {
  getCodebook: {},
  createCode: { body: () => ({ label: `Nouveau ${counter++}` }) },
  updateCode: { prepare: code, body: () => ({ label: `Renommé ${counter++}` }) },
  moveCode: { prepare: code, body: () => ({ parentId: null, position: 0 }) },
  mergeCode: {
    prepare: async (ctx: MatrixContext) => ({ codeId: await freshCode(ctx), targetId: await freshCode(ctx) }),
    body: (params: Record<string, string>) => ({ targetId: params.targetId }),
  },
  retireCode: { prepare: code },
  restoreCode: {
    prepare: async (ctx: MatrixContext) => {
      const codeId = await freshCode(ctx)
      await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/codebook/codes/${codeId}/retire`)
      return { codeId }
    },
  },
  createCodeRelation: {
    prepare: async (ctx: MatrixContext) => ({ fromId: await freshCode(ctx), toId: await freshCode(ctx) }),
    body: (params: Record<string, string>) => ({ fromId: params.fromId, toId: params.toId }),
  },
  deleteCodeRelation: {
    prepare: async (ctx: MatrixContext) => {
      const res = await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/codebook/relations`, {
        fromId: await freshCode(ctx),
        toId: await freshCode(ctx),
      })
      return { relationId: res.body.relationId as string }
    },
  },
  listCodebookChanges: {},
  revertCodebookChange: {
    prepare: async (ctx: MatrixContext) => {
      const res = await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/codebook/codes`, {
        label: `À annuler ${counter++}`,
      })
      return { changeId: res.body.changeId as string }
    },
  },
  listPageCodes: {},
  addPageCode: { prepare: code, body: (params: Record<string, string>) => ({ codeId: params.codeId }) },
  removePageCode: {
    prepare: async (ctx: MatrixContext) => {
      const codeId = await freshCode(ctx)
      await ctx.owner.post(`/api/pages/${ctx.pageId}/codes`, { codeId })
      return { codeId }
    },
  },
  listPassageCodings: {},
  // The page is empty: an allowed caller gets a 400 for the range, a refused one its 401/403 first.
  createPassageCoding: {
    prepare: code,
    body: (params: Record<string, string>) => ({ codeId: params.codeId, range: { from: 0, to: 1 } }),
  },
  updatePassageCoding: {
    prepare: code,
    body: (params: Record<string, string>) => ({ codeId: params.codeId }),
  },
  deletePassageCoding: { prepare: async () => ({ codingId: 'none' }) },
  listCodePassages: { prepare: code },
  listCodePages: { prepare: code },
  getMatrix: {},
  getCooccurrence: {},
  getCodeUsage: {},
  exportQdpx: {},
  exportQdc: {},
  exportCodebookCsv: {},
  exportPassagesCsv: {},
  exportMatrixCsv: {},
  importQdc: {},
  // A JSON body is no .qdpx: an allowed caller gets a 400, a refused one its 401 first.
  importQdpx: {},
  listImportedCoders: {},
  // No imported coder in the matrix's workspace: an allowed caller gets a 404.
  linkImportedCoder: {
    prepare: async () => ({ userId: 'none' }),
    body: () => ({ memberId: 'none' }),
  },
} satisfies Record<string, MatrixFixture>
