/**
 * Pages of a workspace: metadata, the tree and the trash, case properties, the template, recent
 * changes (bodies are edited over the collaboration socket).
 */
import { z } from 'zod'
import { can } from '../access/policy.ts'
import type { PageIndexer } from '../derive/page-indexer.ts'
import { ApiError } from '../errors.ts'
import { inWorkspace, onPage, type RouteHandlers, type RouteSpecs } from '../http/route-table.ts'
import { readJson, readQuery } from '../http/validate.ts'
import type { SearchIndex } from '../search/search-index.ts'
import type { WorkspaceEvents } from '../workspaces/index.ts'
import { casePropertiesPatch } from './page-properties.ts'
import { TreeError } from './page-tree.ts'
import { PAGE_KINDS } from './pages.ts'
import type { PageServices } from './services.ts'

export interface PageRouteDeps extends PageServices {
  workspaceEvents: WorkspaceEvents
  search: SearchIndex
  indexer: PageIndexer
  /** Closes the collaboration sockets of these pages and unloads them (they are being deleted). */
  closeDocuments(pageIds: string[]): Promise<void>
}

const title = z.string().trim().min(1).max(300)
const pageId = z.string().min(1).max(64)
const changesParams = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) })
const createBody = z.object({
  title,
  kind: z.enum(PAGE_KINDS),
  parentId: pageId.nullable().optional(),
})
const updateBody = z.object({
  title: title.optional(),
  /** null moves the page to the root. */
  parentId: pageId.nullable().optional(),
  /** Order among siblings; fractional, so a client can insert between two neighbours. */
  position: z.number().finite().optional(),
})

/** Tree rules broken (cycle, bad parent, template) are the client's mistake: 400 with the rule's code. */
async function treeErrorsAs400<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof TreeError) throw new ApiError(400, error.code, error.message)
    throw error
  }
}

export const PAGE_ROUTES = {
  listPages: { method: 'GET', path: '/api/workspaces/:workspaceId/pages', guard: inWorkspace('page.read') },
  createPage: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/pages',
    guard: inWorkspace('page.create'),
  },
  getPage: { method: 'GET', path: '/api/pages/:pageId', guard: onPage('page.read') },
  updatePage: { method: 'PATCH', path: '/api/pages/:pageId', guard: onPage('page.update') },
  archivePage: { method: 'POST', path: '/api/pages/:pageId/archive', guard: onPage('page.update') },
  restorePage: { method: 'POST', path: '/api/pages/:pageId/restore', guard: onPage('page.update') },
  deletePage: { method: 'DELETE', path: '/api/pages/:pageId', guard: onPage('page.delete') },
  listTrash: { method: 'GET', path: '/api/workspaces/:workspaceId/trash', guard: inWorkspace('page.read') },
  getPageProperties: { method: 'GET', path: '/api/pages/:pageId/properties', guard: onPage('page.read') },
  updatePageProperties: {
    method: 'PATCH',
    path: '/api/pages/:pageId/properties',
    guard: onPage('page.update'),
  },
  getTemplate: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/template',
    guard: inWorkspace('page.read'),
  },
  recentChanges: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/changes',
    guard: inWorkspace('page.read'),
  },
} as const satisfies RouteSpecs

export function pageHandlers({
  pages,
  tree,
  templates,
  properties,
  bodies,
  changes,
  search,
  indexer,
  closeDocuments,
  workspaceEvents,
}: PageRouteDeps): RouteHandlers<typeof PAGE_ROUTES> {
  const actor = (c: { get(key: 'auth'): { user: { id: string } } | null }) => c.get('auth')?.user.id
  return {
    listPages: async (c) => c.json({ pages: await pages.list(c.get('workspaceId')) }),
    createPage: async (c) => {
      const body = await readJson(c, createBody)
      const workspaceId = c.get('workspaceId')
      if (body.parentId) await treeErrorsAs400(() => tree.checkParent(workspaceId, body.parentId as string))
      const userId = c.get('auth')?.user.id ?? ''
      const input = { workspaceId, title: body.title, parentId: body.parentId ?? null, createdBy: userId }
      // A case sheet starts from the workspace's template, written by the server before anyone can open it.
      const page =
        body.kind === 'case'
          ? await templates.createCase(input)
          : await pages.create({ ...input, kind: body.kind })
      changes.record(workspaceId, page.id, userId)
      workspaceEvents.publish(workspaceId, { type: 'page.created', pageId: page.id, actorId: userId })
      return c.json(page, 201)
    },
    getPage: async (c) => {
      const role = c.get('role')
      const page = c.get('page')
      const write = page.kind === 'template' ? 'template.edit' : 'page.edit'
      return c.json({ ...page, role, access: can(role, write) ? 'read-write' : 'read-only' })
    },
    updatePage: async (c) => {
      const body = await readJson(c, updateBody)
      const page = c.get('page')
      if (page.kind === 'template' && !can(c.get('role'), 'template.edit'))
        throw new ApiError(403, 'forbidden', 'Only owners can change the case-sheet template')
      if (page.archivedAt !== null && (body.parentId !== undefined || body.position !== undefined))
        throw new ApiError(400, 'in_trash', 'Restore the page before moving it')
      if (body.parentId !== undefined || body.position !== undefined)
        await treeErrorsAs400(() => tree.move(page, { parentId: body.parentId, position: body.position }))
      if (body.title !== undefined) {
        await pages.rename(page.id, body.title)
        await search.setTitle(page.id, body.title)
      }
      const updated = await pages.get(page.id)
      workspaceEvents.publish(page.workspaceId, {
        type: 'page.updated',
        pageId: page.id,
        title: updated?.title,
        parentId: updated?.parentId,
        position: updated?.position,
        actorId: c.get('auth')?.user.id,
      })
      return c.json(updated)
    },
    archivePage: async (c) => {
      const page = c.get('page')
      const pageIds = await treeErrorsAs400(() => tree.archive(page))
      workspaceEvents.publish(page.workspaceId, {
        type: 'page.archived',
        pageId: page.id,
        pageIds,
        actorId: actor(c),
      })
      return c.json({ pageIds })
    },
    restorePage: async (c) => {
      const page = c.get('page')
      const pageIds = await treeErrorsAs400(() => tree.restore(page))
      workspaceEvents.publish(page.workspaceId, {
        type: 'page.restored',
        pageId: page.id,
        pageIds,
        actorId: actor(c),
      })
      return c.json({ pageIds })
    },
    deletePage: async (c) => {
      const page = c.get('page')
      const pageIds = await treeErrorsAs400(() => tree.deleteForever(page))
      // Unloaded first: a loaded page would write its snapshot back after the rows were removed.
      await closeDocuments(pageIds)
      await indexer.remove(pageIds)
      await bodies.remove(pageIds)
      workspaceEvents.publish(page.workspaceId, {
        type: 'page.deleted',
        pageId: page.id,
        pageIds,
        actorId: actor(c),
      })
      return c.body(null, 204)
    },
    listTrash: async (c) => c.json({ pages: await tree.trash(c.get('workspaceId')) }),
    getPageProperties: async (c) =>
      c.json({ pageId: c.get('page').id, properties: await properties.get(c.get('page').id) }),
    updatePageProperties: async (c) => {
      const page = c.get('page')
      if (page.kind !== 'case')
        throw new ApiError(400, 'not_a_case', 'Case attributes belong to case sheets only')
      const patch = await readJson(c, casePropertiesPatch)
      const updated = await properties.patch(page.id, patch)
      workspaceEvents.publish(page.workspaceId, {
        type: 'page.properties',
        pageId: page.id,
        actorId: actor(c),
      })
      return c.json({ pageId: page.id, properties: updated })
    },
    getTemplate: async (c) => {
      const workspaceId = c.get('workspaceId')
      const template = await templates.ensure(workspaceId, actor(c) ?? '')
      const role = c.get('role')
      const sections = await templates.sections(template.id)
      return c.json({ ...template, canEdit: can(role, 'template.edit'), sections })
    },
    recentChanges: async (c) => {
      const { limit } = readQuery(c.req.query(), changesParams)
      return c.json({ changes: await changes.list(c.get('workspaceId'), limit) })
    },
  }
}
