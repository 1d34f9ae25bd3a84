/** The wiki's reading routes: a page's outline and backlinks, and search (by text and by code). */
import { PAGE_KINDS } from '@tisserand/api-types'
import { z } from 'zod'
import { ApiError } from '../errors.ts'
import { inWorkspace, onPage, type RouteHandlers, type RouteSpecs } from '../http/route-table.ts'
import { readQuery } from '../http/validate.ts'
import type { SearchIndex } from '../search/search-index.ts'
import type { Typology } from '../typology/index.ts'
import type { Backlink, Links } from './links.ts'

const searchParams = z.object({
  q: z.string().max(500).default(''),
  kind: z.enum(PAGE_KINDS).optional(),
  code: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

export interface WikiRouteDeps {
  links: Links
  search: SearchIndex
  typology: Typology
  /** Pages quoting passages of a page (quotations feature): backlinks include them. */
  citingPages(pageId: string): Promise<Backlink[]>
}

export const WIKI_ROUTES = {
  getPageOutline: { method: 'GET', path: '/api/pages/:pageId/outline', guard: onPage('page.read') },
  listBacklinks: { method: 'GET', path: '/api/pages/:pageId/backlinks', guard: onPage('page.read') },
  search: { method: 'GET', path: '/api/workspaces/:workspaceId/search', guard: inWorkspace('page.read') },
} as const satisfies RouteSpecs

export function wikiHandlers({
  links,
  search,
  typology,
  citingPages,
}: WikiRouteDeps): RouteHandlers<typeof WIKI_ROUTES> {
  return {
    getPageOutline: async (c) => {
      const outline = await links.outline(c.get('page').id)
      return c.json({
        pageId: c.get('page').id,
        headings: outline?.headings ?? [],
        derivedAt: outline?.derivedAt ?? null,
      })
    },
    listBacklinks: async (c) => {
      const pageId = c.get('page').id
      const linked = await links.backlinks(pageId)
      const quoting = (await citingPages(pageId)).filter((q) => !linked.some((l) => l.pageId === q.pageId))
      const backlinks = [...linked, ...quoting].sort((a, b) => a.title.localeCompare(b.title, 'fr'))
      return c.json({ backlinks })
    },
    search: async (c) => {
      const { q, kind, code, limit } = readQuery(c.req.query(), searchParams)
      const workspaceId = c.get('workspaceId')
      if (!code) return c.json({ results: await search.search({ workspaceId, q, kind, limit }) })
      // Filtered by code: pages coded with it at case level or on at least one passage.
      if (!(await typology.codebook.get(workspaceId, code)))
        throw new ApiError(404, 'code_not_found', 'No such code in this workspace', 'code')
      const viewer = await typology.viewer(workspaceId, c.get('auth')?.user.id ?? '')
      const coded = (await typology.views.pagesWithCode(viewer, workspaceId, code)).filter(
        (p) => p.kind !== 'template' && (!kind || p.kind === kind),
      )
      const coding = new Map(
        coded.map((p) => [p.pageId, { passages: p.passages ?? 0, caseLevel: p.caseLevel ?? false }]),
      )
      const pageIds = [...coding.keys()]
      const found = q.trim()
        ? await search.search({ workspaceId, q, kind, pageIds, limit })
        : coded
            .map((p) => ({ pageId: p.pageId, title: p.title, kind: p.kind, snippet: '' }))
            .sort((x, y) => x.title.localeCompare(y.title, 'fr'))
            .slice(0, limit)
      return c.json({ results: found.map((r) => ({ ...r, coding: coding.get(r.pageId) })) })
    },
  }
}
