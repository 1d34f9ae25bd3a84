/**
 * Comment threads on page passages. Commenting never writes into the page body: anchors are Yjs
 * relative positions stored beside it, resolved against the page's live document on every read.
 */

import type { Context } from 'hono'
import { z } from 'zod'
import { can } from '../access/policy.ts'
import { ApiError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'
import { inWorkspace, onPage, type RouteHandlers, type RouteSpecs } from '../http/route-table.ts'
import { readJson } from '../http/validate.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import type { WorkspaceEvents, Workspaces } from '../workspaces/index.ts'
import { anchorIsKnown, decodePosition, resolveAnchor } from './anchor.ts'
import type { Comments, CommentThread } from './comments.ts'
import { cleanBody, MAX_BODY_CHARS, MAX_MENTIONS, mentionedUserIds } from './message-body.ts'
import type { Notifications } from './notifications.ts'
import { threadView } from './thread-view.ts'

export interface CommentRouteDeps {
  comments: Comments
  notifications: Notifications
  /** Page bodies as they are now, to resolve comment anchors. */
  pageDocs: PageDocs
  workspaces: Workspaces
  workspaceEvents: WorkspaceEvents
}

/** The longest quote kept with a thread; a longer passage is quoted up to here. */
export const MAX_QUOTE_CHARS = 2000
const MAX_POSITION_BYTES = 256

const body = z
  .string()
  .transform(cleanBody)
  .pipe(
    z
      .string()
      .min(1, 'a message cannot be empty')
      .max(MAX_BODY_CHARS, `a message is at most ${MAX_BODY_CHARS} characters`),
  )
const position = z
  .string()
  .max(Math.ceil(MAX_POSITION_BYTES / 3) * 4, 'anchor position too long')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'anchor positions are base64')
  .transform((value) => new Uint8Array(Buffer.from(value, 'base64')))
const createBody = z.object({
  anchor: z.object({ start: position, end: position }),
  quote: z.string().max(MAX_QUOTE_CHARS * 4),
  body,
})
const messageBody = z.object({ body })
const statusQuery = z.enum(['open', 'resolved']).catch('open')

export const COMMENT_ROUTES = {
  listThreads: { method: 'GET', path: '/api/pages/:pageId/threads', guard: onPage('page.read') },
  createThread: { method: 'POST', path: '/api/pages/:pageId/threads', guard: onPage('page.comment') },
  replyThread: {
    method: 'POST',
    path: '/api/pages/:pageId/threads/:threadId/messages',
    guard: onPage('page.comment'),
  },
  editMessage: {
    method: 'PATCH',
    path: '/api/pages/:pageId/threads/:threadId/messages/:messageId',
    guard: onPage('page.comment'),
  },
  deleteMessage: {
    method: 'DELETE',
    path: '/api/pages/:pageId/threads/:threadId/messages/:messageId',
    guard: onPage('page.comment'),
  },
  resolveThread: {
    method: 'POST',
    path: '/api/pages/:pageId/threads/:threadId/resolve',
    guard: onPage('page.comment'),
  },
  reopenThread: {
    method: 'POST',
    path: '/api/pages/:pageId/threads/:threadId/reopen',
    guard: onPage('page.comment'),
  },
  listWorkspaceThreads: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/threads',
    guard: inWorkspace('page.read'),
  },
} as const satisfies RouteSpecs

export function commentHandlers(deps: CommentRouteDeps): RouteHandlers<typeof COMMENT_ROUTES> {
  const { comments, notifications, pageDocs, workspaces, workspaceEvents } = deps

  const me = (c: Context<AppEnv>) => {
    const auth = c.get('auth')
    if (!auth) throw new ApiError(401, 'unauthenticated', 'Sign in first')
    return auth.user.id
  }

  /** The thread named in the path, which must belong to the page named in the path. */
  async function threadOf(c: Context<AppEnv>): Promise<CommentThread> {
    const thread = await comments.get(c.req.param('threadId') ?? '')
    if (!thread || thread.pageId !== c.get('page').id)
      throw new ApiError(404, 'thread_not_found', 'No such thread on this page')
    return thread
  }

  const view = async (threadId: string) => {
    const thread = await comments.get(threadId)
    if (!thread) throw new ApiError(404, 'thread_not_found', 'No such thread on this page')
    return pageDocs.read(thread.pageId, (doc) => threadView(thread, doc))
  }

  /** Mentions must name members of the workspace; each mentioned member is notified once. */
  async function checkMentions(workspaceId: string, text: string): Promise<string[]> {
    const ids = mentionedUserIds(text)
    if (ids.length > MAX_MENTIONS)
      throw new ApiError(400, 'invalid_input', `body: at most ${MAX_MENTIONS} mentions`, 'body')
    for (const id of ids) {
      if (!(await workspaces.roleOf(workspaceId, id)))
        throw new ApiError(400, 'invalid_mention', `body: ${id} is not a member of this workspace`, 'body')
    }
    return ids
  }

  async function notify(
    c: Context<AppEnv>,
    mentioned: string[],
    threadId: string,
    messageId: string,
  ): Promise<void> {
    if (mentioned.length === 0) return
    const page = c.get('page')
    const userIds = await notifications.notifyMentions({
      workspaceId: page.workspaceId,
      userIds: mentioned,
      actorId: me(c),
      pageId: page.id,
      threadId,
      messageId,
    })
    if (userIds.length > 0)
      workspaceEvents.publish(page.workspaceId, { type: 'notification.created', userIds, actorId: me(c) })
  }

  const publish = (c: Context<AppEnv>, type: string, threadId: string) => {
    const page = c.get('page')
    workspaceEvents.publish(page.workspaceId, { type, pageId: page.id, threadId, actorId: me(c) })
  }

  /** Commenters resolve and reopen the threads they opened; editors and owners any thread. */
  const mayChangeStatus = (c: Context<AppEnv>, thread: CommentThread) =>
    thread.createdBy.id === me(c) || can(c.get('role'), 'comment.resolve-any')

  /** The message named in the path, which the caller must have written. */
  async function ownMessage(c: Context<AppEnv>, thread: CommentThread) {
    const message = await comments.getMessage(thread.id, c.req.param('messageId') ?? '')
    if (!message || message.deleted_at !== null)
      throw new ApiError(404, 'message_not_found', 'No such message in this thread')
    if (message.author_id !== me(c))
      throw new ApiError(403, 'not_author', 'Only its author can change a message')
    return message
  }

  return {
    listThreads: async (c) => {
      const page = c.get('page')
      const threads = await comments.listForPage(page.id)
      return c.json({
        threads: await pageDocs.read(page.id, (doc) => threads.map((thread) => threadView(thread, doc))),
      })
    },
    createThread: async (c) => {
      const input = await readJson(c, createBody)
      const page = c.get('page')
      if (!decodePosition(input.anchor.start) || !decodePosition(input.anchor.end))
        throw new ApiError(400, 'invalid_anchor', 'anchor: the positions do not decode', 'anchor')
      const where = await pageDocs.read(page.id, (doc) =>
        anchorIsKnown(doc, input.anchor) ? resolveAnchor(doc, input.anchor) : null,
      )
      if (where === null)
        throw new ApiError(
          409,
          'anchor_not_synced',
          'The selected passage is not on the server yet: try again once your edits are saved',
          'anchor',
        )
      if (where.detached)
        throw new ApiError(
          400,
          'invalid_anchor',
          'anchor: the positions do not select a passage of this page',
          'anchor',
        )
      const mentioned = await checkMentions(page.workspaceId, input.body)
      const quote =
        where.text.length > MAX_QUOTE_CHARS ? `${where.text.slice(0, MAX_QUOTE_CHARS - 1)}…` : where.text
      const { threadId, messageId } = await comments.createThread({
        workspaceId: page.workspaceId,
        pageId: page.id,
        anchor: input.anchor,
        quote,
        createdBy: me(c),
        body: input.body,
      })
      await notify(c, mentioned, threadId, messageId)
      publish(c, 'thread.created', threadId)
      return c.json(await view(threadId), 201)
    },
    replyThread: async (c) => {
      const thread = await threadOf(c)
      const input = await readJson(c, messageBody)
      const mentioned = await checkMentions(thread.workspaceId, input.body)
      const messageId = await comments.addMessage(thread.id, me(c), input.body)
      await notify(c, mentioned, thread.id, messageId)
      publish(c, 'thread.replied', thread.id)
      return c.json(await view(thread.id), 201)
    },
    editMessage: async (c) => {
      const thread = await threadOf(c)
      const input = await readJson(c, messageBody)
      const message = await ownMessage(c, thread)
      const mentioned = await checkMentions(thread.workspaceId, input.body)
      await comments.editMessage(message.id, input.body)
      await notify(c, mentioned, thread.id, message.id)
      publish(c, 'thread.message-edited', thread.id)
      return c.json(await view(thread.id))
    },
    deleteMessage: async (c) => {
      const thread = await threadOf(c)
      const message = await ownMessage(c, thread)
      await comments.deleteMessage(message.id)
      publish(c, 'thread.message-deleted', thread.id)
      return c.json(await view(thread.id))
    },
    resolveThread: async (c) => {
      const thread = await threadOf(c)
      if (!mayChangeStatus(c, thread))
        throw new ApiError(403, 'forbidden', 'Commenters can resolve only the threads they opened')
      if (thread.status !== 'resolved') {
        await comments.setStatus(thread.id, 'resolved', me(c))
        publish(c, 'thread.resolved', thread.id)
      }
      return c.json(await view(thread.id))
    },
    reopenThread: async (c) => {
      const thread = await threadOf(c)
      if (!mayChangeStatus(c, thread))
        throw new ApiError(403, 'forbidden', 'Commenters can reopen only the threads they opened')
      if (thread.status !== 'open') {
        await comments.setStatus(thread.id, 'open', me(c))
        publish(c, 'thread.reopened', thread.id)
      }
      return c.json(await view(thread.id))
    },
    listWorkspaceThreads: async (c) => {
      const status = statusQuery.parse(c.req.query('status'))
      return c.json({ threads: await comments.listForWorkspace(c.get('workspaceId'), status) })
    },
  }
}
