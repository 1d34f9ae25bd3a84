/** A page's history: versions, comparing two, restoring one (or one section), who wrote what. */
import { z } from 'zod'
import { can } from '../access/policy.ts'
import { readBodyNode } from '../derive/body-node.ts'
import { readPageContent } from '../derive/page-content.ts'
import { ApiError } from '../errors.ts'
import { onPage, type RouteHandlers, type RouteSpecs } from '../http/route-table.ts'
import { readJson, readQuery } from '../http/validate.ts'
import type { SearchIndex } from '../search/search-index.ts'
import type { WorkspaceEvents } from '../workspaces/index.ts'
import type { HistoryServices } from './services.ts'

export interface HistoryRouteDeps {
  history: HistoryServices
  search: SearchIndex
  workspaceEvents: WorkspaceEvents
}

const nameBody = z.object({ name: z.string().trim().min(1).max(200) })
const restoreBody = z.object({ section: z.string().min(1).max(64).optional() })
const compareQuery = z.object({ from: z.string().min(1).max(64), to: z.string().min(1).max(64).optional() })

export const HISTORY_ROUTES = {
  listVersions: { method: 'GET', path: '/api/pages/:pageId/versions', guard: onPage('page.read') },
  createVersion: { method: 'POST', path: '/api/pages/:pageId/versions', guard: onPage('version.manage') },
  getVersion: { method: 'GET', path: '/api/pages/:pageId/versions/:versionId', guard: onPage('page.read') },
  restoreVersion: {
    method: 'POST',
    path: '/api/pages/:pageId/versions/:versionId/restore',
    guard: onPage('version.manage'),
  },
  compareVersions: { method: 'GET', path: '/api/pages/:pageId/compare', guard: onPage('page.read') },
  getAuthorship: { method: 'GET', path: '/api/pages/:pageId/authorship', guard: onPage('page.read') },
} as const satisfies RouteSpecs

export function historyHandlers({
  history,
  search,
  workspaceEvents,
}: HistoryRouteDeps): RouteHandlers<typeof HISTORY_ROUTES> {
  const userId = (c: { get(key: 'auth'): { user: { id: string } } | null }) => c.get('auth')?.user.id ?? ''
  return {
    listVersions: async (c) => c.json({ versions: await history.versions.list(c.get('page').id) }),

    createVersion: async (c) => {
      const { name } = await readJson(c, nameBody)
      const page = c.get('page')
      const version = await history.versions.capture(page.id, 'named', { name, createdBy: userId(c) })
      workspaceEvents.publish(page.workspaceId, {
        type: 'page.versions',
        pageId: page.id,
        actorId: userId(c),
      })
      return c.json({ version }, 201)
    },

    getVersion: async (c) => {
      const page = c.get('page')
      const { row, doc } = await history.versions.find(page.id, c.req.param('versionId') ?? '')
      const body = doc()
      try {
        return c.json({
          version: await history.versions.view(row),
          title: row.title,
          text: readPageContent(body).text,
          content: readBodyNode(body).toJSON(),
        })
      } finally {
        body.destroy()
      }
    },

    restoreVersion: async (c) => {
      const page = c.get('page')
      if (page.kind === 'template' && !can(c.get('role'), 'template.edit'))
        throw new ApiError(403, 'forbidden', 'Only owners can change the case-sheet template')
      const { section } = await readJson(c, restoreBody)
      const { version, title } = await history.restore(
        page.id,
        c.req.param('versionId') ?? '',
        userId(c),
        section,
      )
      if (title !== null) {
        await search.setTitle(page.id, title)
        workspaceEvents.publish(page.workspaceId, {
          type: 'page.updated',
          pageId: page.id,
          title,
          actorId: userId(c),
        })
      }
      workspaceEvents.publish(page.workspaceId, {
        type: 'page.versions',
        pageId: page.id,
        actorId: userId(c),
      })
      return c.json({ version })
    },

    compareVersions: async (c) => {
      const { from, to } = readQuery(c.req.query(), compareQuery)
      return c.json(await history.compare(c.get('page').id, from, to === 'current' ? null : (to ?? null)))
    },

    getAuthorship: async (c) => c.json(await history.authorship(c.get('page').id)),
  }
}
