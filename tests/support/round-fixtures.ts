/**
 * Rows of the route × role matrix (tests/integration/access-matrix.test.ts) for the coding
 * rounds' routes: each call gets a round of its own on a fresh page (a page is in one open round
 * at most), coded by the owner and one editor; settling needs a revealed round with something to
 * settle, and an editor calling it is made the round's adjudicator.
 */
import { type Api, memberWithRole } from './api.ts'
import type { TestServer } from './server.ts'

interface MatrixContext {
  server: TestServer
  owner: Api
  workspaceId: string
}

let counter = 0
let coderIds: Promise<string[]> | null = null

/** The owner and one editor of the matrix's workspace, made once. */
function coders(ctx: MatrixContext): Promise<string[]> {
  coderIds ??= (async () => {
    const me = await ctx.owner.get('/api/me')
    const editor = await memberWithRole(
      ctx.server,
      ctx.owner,
      ctx.workspaceId,
      'editor',
      `round-coder-${Date.now()}@example.org`,
    )
    return [me.body.user.id as string, editor.userId]
  })()
  return coderIds
}

async function freshPage(ctx: MatrixContext): Promise<string> {
  const res = await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/pages`, {
    title: `Double codage ${counter++}`,
    kind: 'case',
  })
  return res.body.id as string
}

/** The caller's user id when they could code (owner or editor): they become the adjudicator. */
async function adjudicatorFor(ctx: MatrixContext, caller: Api | null): Promise<string | null> {
  if (!caller) return null
  const ws = await caller.get(`/api/workspaces/${ctx.workspaceId}`)
  if (ws.status !== 200 || !['owner', 'editor'].includes(ws.body.role)) return null
  return (await caller.get('/api/me')).body.user.id as string
}

async function freshRound(ctx: MatrixContext, adjudicatorId: string | null = null) {
  const pageId = await freshPage(ctx)
  const res = await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/coding-rounds`, {
    name: `Manche ${counter++}`,
    pageIds: [pageId],
    coderIds: await coders(ctx),
    adjudicatorId,
  })
  if (res.status !== 201) throw new Error(`round: ${res.status} ${JSON.stringify(res.body)}`)
  return { roundId: res.body.round.id as string, pageId }
}

async function revealedRound(ctx: MatrixContext, caller: Api | null = null) {
  // The owner (a coder) applies a code to the case, the other coder does not: one disagreement.
  const code = await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/codebook/codes`, {
    label: `Manche code ${counter++}`,
  })
  // A code made after the round opened is not in its scope: open the round with it instead.
  const scoped = await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/coding-rounds`, {
    name: `Manche ${counter++}`,
    pageIds: [await freshPage(ctx)],
    coderIds: await coders(ctx),
    codeIds: [code.body.codeId],
    adjudicatorId: await adjudicatorFor(ctx, caller),
  })
  const roundId = scoped.body.round.id as string
  const pageId = scoped.body.round.pageIds[0] as string
  await ctx.owner.post(`/api/pages/${pageId}/codes`, { codeId: code.body.codeId })
  await ctx.owner.post(`/api/workspaces/${ctx.workspaceId}/coding-rounds/${roundId}/reveal`)
  const items = await ctx.owner.get(
    `/api/workspaces/${ctx.workspaceId}/coding-rounds/${roundId}/disagreements`,
  )
  return { roundId, itemId: (items.body.items[0]?.id as string) ?? 'none' }
}

export const ROUND_FIXTURES = {
  createRound: {
    prepare: async (ctx: MatrixContext) => ({
      newPageId: await freshPage(ctx),
      coderIds: (await coders(ctx)).join(','),
    }),
    body: (params: Record<string, string>) => ({
      name: `Manche ${counter++}`,
      pageIds: [params.newPageId],
      coderIds: (params.coderIds ?? '').split(','),
    }),
  },
  listRounds: {},
  getRound: { prepare: (ctx: MatrixContext) => freshRound(ctx) },
  revealRound: { prepare: (ctx: MatrixContext) => freshRound(ctx) },
  getRoundAgreement: { prepare: (ctx: MatrixContext) => revealedRound(ctx) },
  getRoundAgreementCsv: { prepare: (ctx: MatrixContext) => revealedRound(ctx) },
  listRoundDisagreements: { prepare: (ctx: MatrixContext) => revealedRound(ctx) },
  settleRoundDisagreement: {
    prepare: (ctx: MatrixContext, caller: Api | null) => revealedRound(ctx, caller),
    body: () => ({ accept: 'all' }),
  },
}
