/** The coding rounds' routes: open, list, reveal, the agreement report (JSON and CSV), disagreements and settling. */
import type { Context } from 'hono'
import { z } from 'zod'
import { ApiError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'
import { inWorkspace, type RouteHandlers, type RouteSpecs } from '../http/route-table.ts'
import { readJson } from '../http/validate.ts'
import type { WorkspaceEvents } from '../workspaces/index.ts'
import type { Adjudication, Outcome } from './adjudication.ts'
import { reportCsv } from './report-csv.ts'
import type { Rounds } from './rounds.ts'

export interface RoundRouteDeps {
  rounds: Rounds
  adjudication: Adjudication
  workspaceEvents: WorkspaceEvents
}

const id = z.string().min(1).max(64)
const createBody = z.object({
  name: z.string().trim().min(1).max(200),
  pageIds: z.array(id).min(1).max(500),
  coderIds: z.array(id).min(2).max(50),
  codeIds: z.array(id).min(1).max(2000).optional(),
  blind: z.boolean().optional(),
  adjudicatorId: id.nullable().optional(),
})
const settleBody = z.union([
  z.object({ accept: z.string().min(1).max(64) }).strict(),
  z
    .object({
      redraw: z
        .object({
          from: z.number().int().min(0),
          to: z.number().int().min(1),
          codeIds: z.array(id).min(1).max(50),
        })
        .refine((r) => r.from < r.to, 'from must be before to'),
    })
    .strict(),
])

const base = '/api/workspaces/:workspaceId/coding-rounds'

export const ROUND_ROUTES = {
  createRound: { method: 'POST', path: base, guard: inWorkspace('round.manage') },
  listRounds: { method: 'GET', path: base, guard: inWorkspace('workspace.read') },
  getRound: { method: 'GET', path: `${base}/:roundId`, guard: inWorkspace('workspace.read') },
  revealRound: { method: 'POST', path: `${base}/:roundId/reveal`, guard: inWorkspace('round.manage') },
  getRoundAgreement: {
    method: 'GET',
    path: `${base}/:roundId/agreement`,
    guard: inWorkspace('workspace.read'),
  },
  getRoundAgreementCsv: {
    method: 'GET',
    path: `${base}/:roundId/agreement.csv`,
    guard: inWorkspace('workspace.read'),
  },
  listRoundDisagreements: {
    method: 'GET',
    path: `${base}/:roundId/disagreements`,
    guard: inWorkspace('workspace.read'),
  },
  settleRoundDisagreement: {
    method: 'POST',
    path: `${base}/:roundId/disagreements/:itemId/settle`,
    guard: inWorkspace('round.settle'),
  },
} as const satisfies RouteSpecs

function who(c: Context<AppEnv>) {
  const userId = c.get('auth')?.user.id
  if (!userId) throw new ApiError(401, 'unauthenticated', 'Sign in or send an API token')
  return { userId, isOwner: c.get('role') === 'owner', workspaceId: c.get('workspaceId') }
}

export function roundHandlers({
  rounds,
  adjudication,
  workspaceEvents,
}: RoundRouteDeps): RouteHandlers<typeof ROUND_ROUTES> {
  const round = (c: Context<AppEnv>) => rounds.require(c.get('workspaceId'), c.req.param('roundId') ?? '')
  const announce = (c: Context<AppEnv>, type: string, roundId: string, extra: Record<string, unknown> = {}) =>
    workspaceEvents.publish(c.get('workspaceId'), {
      type,
      roundId,
      actorId: c.get('auth')?.user.id,
      ...extra,
    })

  return {
    createRound: async (c) => {
      const body = await readJson(c, createBody)
      const { userId, workspaceId } = who(c)
      const created = await rounds.create(workspaceId, userId, body)
      announce(c, 'round.created', created.id)
      return c.json({ round: created }, 201)
    },
    listRounds: async (c) => {
      const { userId, isOwner, workspaceId } = who(c)
      return c.json({ rounds: await rounds.list(workspaceId, userId, isOwner) })
    },
    getRound: async (c) => {
      const { userId, isOwner, workspaceId } = who(c)
      const found = await rounds.get(workspaceId, c.req.param('roundId') ?? '', userId, isOwner)
      if (!found) throw new ApiError(404, 'round_not_found', 'No such coding round')
      return c.json({ round: found })
    },
    revealRound: async (c) => {
      const { userId, isOwner, workspaceId } = who(c)
      const row = await round(c)
      await adjudication.reveal(row, userId)
      announce(c, 'round.revealed', row.id)
      return c.json({ round: await rounds.get(workspaceId, row.id, userId, isOwner) })
    },
    getRoundAgreement: async (c) => c.json(await adjudication.agreement(await round(c))),
    getRoundAgreementCsv: async (c) => {
      const row = await round(c)
      const report = await adjudication.agreement(row)
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="agreement-${row.id}.csv"`)
      c.header('Cache-Control', 'no-store')
      return c.body(reportCsv(report, await rounds.codeLabels(c.get('workspaceId'))))
    },
    listRoundDisagreements: async (c) => {
      const row = await round(c)
      const items = await adjudication.items(row, c.req.query('agreed') === 'true')
      return c.json({ items })
    },
    settleRoundDisagreement: async (c) => {
      const { userId, isOwner } = who(c)
      const row = await round(c)
      if (!isOwner && row.adjudicator_id !== userId)
        throw new ApiError(
          403,
          'not_adjudicator',
          'Only an owner or the round’s adjudicator settles disagreements',
        )
      const body = (await readJson(c, settleBody)) as Outcome
      const item = await adjudication.settle(row, c.req.param('itemId') ?? '', userId, body)
      announce(c, 'round.settled', row.id, { itemId: item.id, pageId: item.pageId })
      workspaceEvents.publish(c.get('workspaceId'), {
        type: 'coding.derived',
        pageId: item.pageId,
        actorId: userId,
      })
      return c.json({ item })
    },
  }
}
