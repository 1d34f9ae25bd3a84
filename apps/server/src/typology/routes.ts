/** The typology's routes: codebook, case and passage coding, views. Exports live in typology-exports.ts. */
import type { Context } from 'hono'
import { z } from 'zod'
import { ApiError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'
import { inWorkspace, onPage, type RouteHandlers, type RouteSpecs } from '../http/route-table.ts'
import { readJson } from '../http/validate.ts'
import type { WorkspaceEvents } from '../workspaces/index.ts'
import type { Typology } from './services.ts'

export interface TypologyRouteDeps {
  typology: Typology
  workspaceEvents: WorkspaceEvents
}

const label = z.string().trim().min(1).max(300)
const description = z.string().max(5000)
const color = z
  .string()
  .regex(/^#[0-9A-Fa-f]{6}$/, 'a colour like #4E79A7')
  .nullable()
const id = z.string().min(1).max(64)

const createCodeBody = z.object({
  label,
  description: description.optional(),
  color: color.optional(),
  parentId: id.nullable().optional(),
})
const updateCodeBody = z
  .object({ label: label.optional(), description: description.optional(), color: color.optional() })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
const moveBody = z.object({ parentId: id.nullable(), position: z.number().int().min(0).optional() })
const mergeBody = z.object({ targetId: id })
const relationBody = z.object({
  fromId: id,
  toId: id,
  kind: z.string().trim().min(1).max(64).default('leads_to'),
})
const pageCodeBody = z.object({ codeId: id })
const anchor = z.object({ start: z.string().min(1).max(4096), end: z.string().min(1).max(4096) })
const passageBody = z
  .object({
    codeIds: z.array(id).min(1).max(50).optional(),
    codeId: id.optional(),
    anchor: anchor.optional(),
    range: z.object({ from: z.number().int().min(0), to: z.number().int().min(1) }).optional(),
    quote: z.string().max(100_000).optional(),
  })
  .refine((b) => (b.anchor ? !b.range : Boolean(b.range)), 'give either anchor or range')
  .refine((b) => Boolean(b.codeId) !== Boolean(b.codeIds), 'give either codeId or codeIds')
const changeCodingBody = z.object({ codeId: id })

function actor(c: Context<AppEnv>): string {
  const userId = c.get('auth')?.user.id
  if (!userId) throw new ApiError(401, 'unauthenticated', 'Sign in or send an API token')
  return userId
}

/** The caller as a reader of codings (what blind rounds hide from them). */
export function viewerOf(typology: Typology, c: Context<AppEnv>) {
  return typology.viewer(c.get('workspaceId'), actor(c))
}

function param(c: Context<AppEnv>, name: string): string {
  return c.req.param(name) ?? ''
}

export const TYPOLOGY_ROUTES = {
  getCodebook: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/codebook',
    guard: inWorkspace('workspace.read'),
  },
  createCode: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/codebook/codes',
    guard: inWorkspace('codebook.edit'),
  },
  updateCode: {
    method: 'PATCH',
    path: '/api/workspaces/:workspaceId/codebook/codes/:codeId',
    guard: inWorkspace('codebook.edit'),
  },
  moveCode: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/codebook/codes/:codeId/move',
    guard: inWorkspace('codebook.edit'),
  },
  mergeCode: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/codebook/codes/:codeId/merge',
    guard: inWorkspace('codebook.edit'),
  },
  retireCode: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/codebook/codes/:codeId/retire',
    guard: inWorkspace('codebook.edit'),
  },
  restoreCode: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/codebook/codes/:codeId/restore',
    guard: inWorkspace('codebook.edit'),
  },
  createCodeRelation: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/codebook/relations',
    guard: inWorkspace('codebook.edit'),
  },
  deleteCodeRelation: {
    method: 'DELETE',
    path: '/api/workspaces/:workspaceId/codebook/relations/:relationId',
    guard: inWorkspace('codebook.edit'),
  },
  listCodebookChanges: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/codebook/changes',
    guard: inWorkspace('workspace.read'),
  },
  revertCodebookChange: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/codebook/changes/:changeId/revert',
    guard: inWorkspace('codebook.edit'),
  },
  listPageCodes: { method: 'GET', path: '/api/pages/:pageId/codes', guard: onPage('page.read') },
  addPageCode: { method: 'POST', path: '/api/pages/:pageId/codes', guard: onPage('page.code') },
  removePageCode: { method: 'DELETE', path: '/api/pages/:pageId/codes/:codeId', guard: onPage('page.code') },
  listPassageCodings: { method: 'GET', path: '/api/pages/:pageId/passages', guard: onPage('page.read') },
  createPassageCoding: { method: 'POST', path: '/api/pages/:pageId/passages', guard: onPage('page.code') },
  updatePassageCoding: {
    method: 'PATCH',
    path: '/api/pages/:pageId/passages/:codingId',
    guard: onPage('page.code'),
  },
  deletePassageCoding: {
    method: 'DELETE',
    path: '/api/pages/:pageId/passages/:codingId',
    guard: onPage('page.code'),
  },
  listCodePassages: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/codes/:codeId/passages',
    guard: inWorkspace('workspace.read'),
  },
  listCodePages: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/codes/:codeId/pages',
    guard: inWorkspace('workspace.read'),
  },
  getMatrix: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/matrix',
    guard: inWorkspace('workspace.read'),
  },
  getCooccurrence: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/cooccurrence',
    guard: inWorkspace('workspace.read'),
  },
  getCodeUsage: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/code-usage',
    guard: inWorkspace('workspace.read'),
  },
} as const satisfies RouteSpecs

export function typologyHandlers({
  typology,
  workspaceEvents,
}: TypologyRouteDeps): RouteHandlers<typeof TYPOLOGY_ROUTES> {
  const { codebook, caseCoding, passages, views } = typology

  const codebookChanged = (
    c: Context<AppEnv>,
    change: { changeId: string; codeId: string | null },
    kind: string,
  ) =>
    workspaceEvents.publish(c.get('workspaceId'), {
      type: 'codebook.changed',
      change: kind,
      changeId: change.changeId,
      codeId: change.codeId,
      actorId: c.get('auth')?.user.id,
    })

  /** A coding made in a round is announced to its author only (blindness holds on the event stream). */
  const codingChanged = (
    c: Context<AppEnv>,
    type: string,
    extra: Record<string, unknown>,
    roundId: string | null = null,
  ) => {
    const page = c.get('page')
    const actorId = c.get('auth')?.user.id
    workspaceEvents.publish(page.workspaceId, {
      type,
      pageId: page.id,
      actorId,
      ...extra,
      ...(roundId && actorId ? { roundId, visibleTo: [actorId] } : {}),
    })
  }
  const viewer = (c: Context<AppEnv>) => viewerOf(typology, c)

  return {
    getCodebook: async (c) => {
      const includeRetired = c.req.query('retired') === 'true'
      return c.json(await codebook.view(c.get('workspaceId'), includeRetired))
    },
    createCode: async (c) => {
      const body = await readJson(c, createCodeBody)
      const result = await codebook.add(c.get('workspaceId'), actor(c), body)
      codebookChanged(c, result, 'add')
      return c.json({ ...result, code: await codebook.get(c.get('workspaceId'), result.codeId ?? '') }, 201)
    },
    updateCode: async (c) => {
      const body = await readJson(c, updateCodeBody)
      const result = await codebook.update(c.get('workspaceId'), actor(c), param(c, 'codeId'), body)
      codebookChanged(c, result, 'update')
      return c.json({ ...result, code: await codebook.get(c.get('workspaceId'), param(c, 'codeId')) })
    },
    moveCode: async (c) => {
      const body = await readJson(c, moveBody)
      const result = await codebook.move(
        c.get('workspaceId'),
        actor(c),
        param(c, 'codeId'),
        body.parentId,
        body.position,
      )
      codebookChanged(c, result, 'move')
      return c.json(result)
    },
    mergeCode: async (c) => {
      const body = await readJson(c, mergeBody)
      const result = await codebook.merge(c.get('workspaceId'), actor(c), param(c, 'codeId'), body.targetId)
      codebookChanged(c, result, 'merge')
      return c.json(result)
    },
    retireCode: async (c) => {
      const result = await codebook.retire(c.get('workspaceId'), actor(c), param(c, 'codeId'))
      codebookChanged(c, result, 'retire')
      return c.json(result)
    },
    restoreCode: async (c) => {
      const result = await codebook.restore(c.get('workspaceId'), actor(c), param(c, 'codeId'))
      codebookChanged(c, result, 'restore')
      return c.json(result)
    },
    createCodeRelation: async (c) => {
      const body = await readJson(c, relationBody)
      const result = await codebook.addRelation(
        c.get('workspaceId'),
        actor(c),
        body.fromId,
        body.toId,
        body.kind,
      )
      codebookChanged(c, result, 'relation.add')
      return c.json(result, 201)
    },
    deleteCodeRelation: async (c) => {
      const result = await codebook.removeRelation(c.get('workspaceId'), actor(c), param(c, 'relationId'))
      codebookChanged(c, result, 'relation.remove')
      return c.json(result)
    },
    listCodebookChanges: async (c) => {
      // A merge records the codings it moved: those of a blind round stay its coders' own.
      const hidden = await passages.hiddenIds(await viewer(c), c.get('workspaceId'))
      const changes = (await codebook.history(c.get('workspaceId'))).map((change) => ({
        ...change,
        effects: change.effects.filter(
          (e) => !(e.table === 'passage_coding' && hidden.has(String((e.key as { id?: unknown }).id))),
        ),
      }))
      return c.json({ changes })
    },
    revertCodebookChange: async (c) => {
      const result = await codebook.revert(c.get('workspaceId'), actor(c), param(c, 'changeId'))
      codebookChanged(c, result, 'revert')
      return c.json(result)
    },
    listPageCodes: async (c) => c.json({ codes: await caseCoding.list(await viewer(c), c.get('page').id) }),
    addPageCode: async (c) => {
      const body = await readJson(c, pageCodeBody)
      const who = await viewer(c)
      const added = await caseCoding.add(who, c.get('page'), body.codeId)
      const codes = await caseCoding.list(who, c.get('page').id)
      const mine = codes.find((x) => x.codeId === body.codeId && x.author.id === who.userId)
      if (added) codingChanged(c, 'coding.case.added', { codeId: body.codeId }, mine?.roundId ?? null)
      return c.json({ codes }, added ? 201 : 200)
    },
    removePageCode: async (c) => {
      const who = await viewer(c)
      const before = await caseCoding.list(who, c.get('page').id)
      const removed = await caseCoding.remove(who, c.get('page'), param(c, 'codeId'))
      if (!removed) throw new ApiError(404, 'coding_not_found', 'This code is not applied to the page')
      const gone = before.find(
        (x) =>
          x.codeId === param(c, 'codeId') && x.roundId !== null && !x.agreed && x.author.id === who.userId,
      )
      codingChanged(c, 'coding.case.removed', { codeId: param(c, 'codeId') }, gone?.roundId ?? null)
      return c.json({ codes: await caseCoding.list(who, c.get('page').id) })
    },
    listPassageCodings: async (c) =>
      c.json({ passages: await passages.list(await viewer(c), c.get('page').id) }),
    createPassageCoding: async (c) => {
      const body = await readJson(c, passageBody)
      const codeIds = [...new Set(body.codeIds ?? [body.codeId ?? ''])]
      const target = body.anchor
        ? { anchor: body.anchor, quote: body.quote }
        : { range: body.range ?? { from: 0, to: 0 }, quote: body.quote }
      const created = await passages.create(await viewer(c), c.get('page'), codeIds, target)
      // Codings of one request share a round or none, except when some codes are out of its scope.
      for (const roundId of new Set(created.map((p) => p.roundId))) {
        const these = created.filter((p) => p.roundId === roundId)
        codingChanged(
          c,
          'coding.passage.added',
          { codingIds: these.map((p) => p.id), codeIds: these.map((p) => p.codeId) },
          roundId,
        )
      }
      return c.json({ passages: created }, 201)
    },
    updatePassageCoding: async (c) => {
      const body = await readJson(c, changeCodingBody)
      const updated = await passages.changeCode(
        await viewer(c),
        c.get('page'),
        param(c, 'codingId'),
        body.codeId,
      )
      codingChanged(
        c,
        'coding.passage.changed',
        { codingId: updated.id, codeId: updated.codeId },
        updated.agreed ? null : updated.roundId,
      )
      return c.json(updated)
    },
    deletePassageCoding: async (c) => {
      const removed = await passages.remove(await viewer(c), c.get('page').id, param(c, 'codingId'))
      codingChanged(
        c,
        'coding.passage.removed',
        { codingId: removed.id, codeId: removed.codeId },
        removed.agreed ? null : removed.roundId,
      )
      return c.json({ ok: true })
    },
    listCodePassages: async (c) => {
      const workspaceId = c.get('workspaceId')
      const codeId = param(c, 'codeId')
      const code = await codebook.get(workspaceId, codeId)
      if (!code) throw new ApiError(404, 'code_not_found', 'No such code in this workspace')
      const ids = [codeId]
      if (c.req.query('descendants') === 'true') {
        const all = (await views.liveCodes(workspaceId)).filter((x) => x.path.length > 0)
        const byId = new Map(all.map((x) => [x.id, x]))
        for (const x of all) {
          let parent = x.parentId
          while (parent) {
            if (parent === codeId) ids.push(x.id)
            parent = byId.get(parent)?.parentId ?? null
          }
        }
      }
      await typology.flushDerived()
      return c.json({ code, passages: await passages.ofCodes(await viewer(c), workspaceId, ids) })
    },
    listCodePages: async (c) => {
      const workspaceId = c.get('workspaceId')
      const codeId = param(c, 'codeId')
      if (!(await codebook.get(workspaceId, codeId)))
        throw new ApiError(404, 'code_not_found', 'No such code in this workspace')
      return c.json({ pages: await views.pagesWithCode(await viewer(c), workspaceId, codeId) })
    },
    getMatrix: async (c) => c.json(await views.matrix(await viewer(c), c.get('workspaceId'))),
    getCooccurrence: async (c) =>
      c.json({ pairs: await views.cooccurrence(await viewer(c), c.get('workspaceId')) }),
    getCodeUsage: async (c) => c.json({ usage: await views.usage(await viewer(c), c.get('workspaceId')) }),
  }
}
