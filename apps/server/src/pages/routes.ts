/** Pages of a workspace (metadata; bodies are edited over the collaboration socket). */
import { z } from 'zod'
import { can } from '../access/policy.ts'
import type { Register, RouteDeps } from '../http/deps.ts'
import { ApiError } from '../http/errors.ts'
import { readJson } from '../http/validate.ts'
import { TreeError } from './page-tree.ts'
import { PAGE_KINDS } from './pages.ts'

const title = z.string().trim().min(1).max(300)
const pageId = z.string().min(1).max(64)
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
export async function treeErrorsAs400<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof TreeError) throw new ApiError(400, error.code, error.message)
    throw error
  }
}

export function registerPageRoutes(on: Register, { pages, workspaceEvents, wiki }: RouteDeps): void {
  on('listPages', async (c) => c.json({ pages: await pages.list(c.get('workspaceId')) }))

  on('createPage', async (c) => {
    const body = await readJson(c, createBody)
    const workspaceId = c.get('workspaceId')
    if (body.parentId)
      await treeErrorsAs400(() => wiki.tree.checkParent(workspaceId, body.parentId as string))
    const userId = c.get('auth')?.user.id ?? ''
    const input = { workspaceId, title: body.title, parentId: body.parentId ?? null, createdBy: userId }
    // A case sheet starts from the workspace's template, written by the server before anyone can open it.
    const page =
      body.kind === 'case'
        ? await wiki.templates.createCase(input)
        : await pages.create({ ...input, kind: body.kind })
    wiki.changes.record(workspaceId, page.id, userId)
    workspaceEvents.publish(workspaceId, { type: 'page.created', pageId: page.id, actorId: userId })
    return c.json(page, 201)
  })

  on('getPage', async (c) => {
    const role = c.get('role')
    const page = c.get('page')
    const write = page.kind === 'template' ? 'template.edit' : 'page.edit'
    return c.json({ ...page, role, access: can(role, write) ? 'read-write' : 'read-only' })
  })

  on('updatePage', async (c) => {
    const body = await readJson(c, updateBody)
    const page = c.get('page')
    if (page.kind === 'template' && !can(c.get('role'), 'template.edit'))
      throw new ApiError(403, 'forbidden', 'Only owners can change the case-sheet template')
    if (page.archivedAt !== null && (body.parentId !== undefined || body.position !== undefined))
      throw new ApiError(400, 'in_trash', 'Restore the page before moving it')
    if (body.parentId !== undefined || body.position !== undefined)
      await treeErrorsAs400(() => wiki.tree.move(page, { parentId: body.parentId, position: body.position }))
    if (body.title !== undefined) {
      await pages.rename(page.id, body.title)
      await wiki.search.setTitle(page.id, body.title)
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
  })
}
