/** The wiki beyond page metadata: trash, properties, outline, backlinks, template, search, recent changes. */
import { z } from 'zod'
import { can } from '../../access/policy.ts'
import { casePropertiesPatch } from '../../domain/page-properties.ts'
import type { Register, RouteDeps } from '../deps.ts'
import { ApiError } from '../errors.ts'
import { readJson } from '../validate.ts'
import { treeErrorsAs400 } from './pages.ts'

const searchParams = z.object({
  q: z.string().max(500).default(''),
  kind: z.enum(['case', 'synthesis', 'note']).optional(),
  code: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

const changesParams = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) })

/** Query strings checked like bodies: a bad one is a 400 naming the parameter. */
function readQuery<S extends z.ZodType>(query: Record<string, string>, schema: S): z.infer<S> {
  const parsed = schema.safeParse(query)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue?.path.join('.') || undefined
  throw new ApiError(400, 'invalid_input', `${field ?? 'query'}: ${issue?.message ?? 'invalid'}`, field)
}

export function registerWikiRoutes(on: Register, { wiki, workspaceEvents, typology }: RouteDeps): void {
  const actor = (c: { get(key: 'auth'): { user: { id: string } } | null }) => c.get('auth')?.user.id

  on('archivePage', async (c) => {
    const page = c.get('page')
    const pageIds = await treeErrorsAs400(() => wiki.tree.archive(page))
    workspaceEvents.publish(page.workspaceId, {
      type: 'page.archived',
      pageId: page.id,
      pageIds,
      actorId: actor(c),
    })
    return c.json({ pageIds })
  })

  on('restorePage', async (c) => {
    const page = c.get('page')
    const pageIds = await treeErrorsAs400(() => wiki.tree.restore(page))
    workspaceEvents.publish(page.workspaceId, {
      type: 'page.restored',
      pageId: page.id,
      pageIds,
      actorId: actor(c),
    })
    return c.json({ pageIds })
  })

  on('deletePage', async (c) => {
    const page = c.get('page')
    const pageIds = await treeErrorsAs400(() => wiki.tree.deleteForever(page))
    // Unloaded first: a loaded page would write its snapshot back after the rows were removed.
    await wiki.closeDocuments(pageIds)
    await wiki.indexer.remove(pageIds)
    await wiki.bodies.remove(pageIds)
    workspaceEvents.publish(page.workspaceId, {
      type: 'page.deleted',
      pageId: page.id,
      pageIds,
      actorId: actor(c),
    })
    return c.body(null, 204)
  })

  on('listTrash', async (c) => c.json({ pages: await wiki.tree.trash(c.get('workspaceId')) }))

  on('getPageProperties', async (c) =>
    c.json({ pageId: c.get('page').id, properties: await wiki.properties.get(c.get('page').id) }),
  )

  on('updatePageProperties', async (c) => {
    const page = c.get('page')
    if (page.kind !== 'case')
      throw new ApiError(400, 'not_a_case', 'Case attributes belong to case sheets only')
    const patch = await readJson(c, casePropertiesPatch)
    const properties = await wiki.properties.patch(page.id, patch)
    workspaceEvents.publish(page.workspaceId, { type: 'page.properties', pageId: page.id, actorId: actor(c) })
    return c.json({ pageId: page.id, properties })
  })

  on('getPageOutline', async (c) => {
    const outline = await wiki.links.outline(c.get('page').id)
    return c.json({
      pageId: c.get('page').id,
      headings: outline?.headings ?? [],
      derivedAt: outline?.derivedAt ?? null,
    })
  })

  on('listBacklinks', async (c) => c.json({ backlinks: await wiki.links.backlinks(c.get('page').id) }))

  on('getTemplate', async (c) => {
    const workspaceId = c.get('workspaceId')
    const template = await wiki.templates.ensure(workspaceId, actor(c) ?? '')
    const role = c.get('role')
    const sections = await wiki.templates.sections(template.id)
    return c.json({ ...template, canEdit: can(role, 'template.edit'), sections })
  })

  on('search', async (c) => {
    const { q, kind, code, limit } = readQuery(c.req.query(), searchParams)
    const workspaceId = c.get('workspaceId')
    if (!code) return c.json({ results: await wiki.search.search({ workspaceId, q, kind, limit }) })
    // Filtered by code: pages coded with it at case level or on at least one passage.
    if (!(await typology.codebook.get(workspaceId, code)))
      throw new ApiError(404, 'code_not_found', 'No such code in this workspace', 'code')
    const coded = (await typology.views.pagesWithCode(workspaceId, code)).filter(
      (p) => p.kind !== 'template' && (!kind || p.kind === kind),
    )
    const coding = new Map(
      coded.map((p) => [p.pageId, { passages: p.passages ?? 0, caseLevel: p.caseLevel ?? false }]),
    )
    const pageIds = [...coding.keys()]
    const found = q.trim()
      ? await wiki.search.search({ workspaceId, q, kind, pageIds, limit })
      : coded
          .map((p) => ({ pageId: p.pageId, title: p.title, kind: p.kind, snippet: '' }))
          .sort((x, y) => x.title.localeCompare(y.title, 'fr'))
          .slice(0, limit)
    return c.json({ results: found.map((r) => ({ ...r, coding: coding.get(r.pageId) })) })
  })

  on('recentChanges', async (c) => {
    const { limit } = readQuery(c.req.query(), changesParams)
    return c.json({ changes: await wiki.changes.list(c.get('workspaceId'), limit) })
  })
}
