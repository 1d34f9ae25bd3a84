/** Pages of a workspace (metadata; bodies are edited over the collaboration socket). */
import { z } from 'zod'
import { can } from '../../access/policy.ts'
import { PAGE_KINDS } from '../../domain/pages.ts'
import type { Register, RouteDeps } from '../deps.ts'
import { ApiError } from '../errors.ts'
import { readJson } from '../validate.ts'

const title = z.string().trim().min(1).max(300)
const createBody = z.object({
  title,
  kind: z.enum(PAGE_KINDS),
  parentId: z.string().max(64).nullable().optional(),
})
const updateBody = z.object({ title: title.optional() })

export function registerPageRoutes(on: Register, { pages, workspaceEvents }: RouteDeps): void {
  on('listPages', async (c) => c.json({ pages: await pages.list(c.get('workspaceId')) }))

  on('createPage', async (c) => {
    const body = await readJson(c, createBody)
    const workspaceId = c.get('workspaceId')
    if (body.parentId) {
      const parent = await pages.get(body.parentId)
      if (!parent || parent.workspaceId !== workspaceId)
        throw new ApiError(400, 'invalid_input', 'parentId: no such page in this workspace', 'parentId')
    }
    const auth = c.get('auth')
    const page = await pages.create({
      workspaceId,
      title: body.title,
      kind: body.kind,
      parentId: body.parentId ?? null,
      createdBy: auth?.user.id ?? '',
    })
    workspaceEvents.publish(workspaceId, { type: 'page.created', pageId: page.id, actorId: auth?.user.id })
    return c.json(page, 201)
  })

  on('getPage', async (c) => {
    const role = c.get('role')
    return c.json({ ...c.get('page'), role, access: can(role, 'page.edit') ? 'read-write' : 'read-only' })
  })

  on('updatePage', async (c) => {
    const body = await readJson(c, updateBody)
    const page = c.get('page')
    if (body.title !== undefined) await pages.rename(page.id, body.title)
    workspaceEvents.publish(page.workspaceId, {
      type: 'page.updated',
      pageId: page.id,
      actorId: c.get('auth')?.user.id,
    })
    return c.json(await pages.get(page.id))
  })
}
