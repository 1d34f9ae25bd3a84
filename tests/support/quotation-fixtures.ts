/**
 * Rows of the route × role matrix (integration/access-matrix.test.ts) for the quotation routes:
 * reads of the matrix's page and a code of the seeded codebook, and a memo on that code.
 */
import type { Api } from './api.ts'

interface MatrixContext {
  owner: Api
  workspaceId: string
}

async function aCode(ctx: MatrixContext): Promise<Record<string, string>> {
  const res = await ctx.owner.get<{ codes: { id: string }[] }>(`/api/workspaces/${ctx.workspaceId}/codebook`)
  const codeId = res.body.codes[0]?.id
  if (!codeId) throw new Error('no code in the codebook')
  return { codeId }
}

export const QUOTATION_FIXTURES = {
  listPageQuotations: {},
  listPageCitedIn: {},
  listCodeCitedIn: { prepare: aCode },
  // Without a query a member gets 400: the guard has let them through.
  evidenceTable: {},
  searchQuotable: {},
  listMemos: {},
  createMemo: {
    prepare: aCode,
    body: (params: Record<string, string>) => ({
      title: 'Mémo sur le code',
      subjectKind: 'code',
      subjectId: params.codeId,
    }),
  },
  getPageMemo: {},
}
