/**
 * Rows of the role × route matrix (integration/access-matrix.test.ts) for the comment and
 * notification routes. Threads and messages are made by the caller when their role may comment,
 * so "only your own" rules let them through and the matrix judges the route's guard alone.
 */
import type { Api } from './api.ts'
import { anchorOf, type EncodedAnchor, openThread, writeParagraphs } from './comments.ts'
import type { TestServer } from './server.ts'

interface MatrixContext {
  server: TestServer
  owner: Api
  pageId: string
}

type Prepare = (ctx: MatrixContext, caller: Api | null) => Promise<Record<string, string>>

const seeded = new Map<string, Promise<EncodedAnchor>>()

/** Writes a passage into the matrix's page once and returns an anchor on it. */
function passageOf(ctx: MatrixContext): Promise<EncodedAnchor> {
  let anchor = seeded.get(ctx.pageId)
  if (!anchor) {
    anchor = (async () => {
      const token = (await ctx.owner.post('/api/tokens', { name: 'matrix comments' })).body.token
      const { client, paragraphs } = await writeParagraphs(ctx.server.wsUrl, token, ctx.pageId, [
        'Une gouvernance collaborative et pérenne.',
      ])
      const text = paragraphs[0]
      if (!text) throw new Error('no paragraph')
      const encoded = anchorOf(text, 4, 28)
      // Once the owner can open a thread on it, the server has the passage.
      await openThread(ctx.owner, ctx.pageId, encoded, 'Première discussion')
      client.destroy()
      return encoded
    })()
    seeded.set(ctx.pageId, anchor)
  }
  return anchor
}

async function threadFor(ctx: MatrixContext, caller: Api | null) {
  const anchor = await passageOf(ctx)
  const res = await openThread(ctx.owner, ctx.pageId, anchor, 'Discussion du propriétaire')
  // Callers who may comment get a thread of their own, so their own message and thread rules pass.
  const own = caller
    ? await caller.post(`/api/pages/${ctx.pageId}/threads`, { anchor, quote: '', body: 'À moi' })
    : null
  const thread = own?.status === 201 ? own.body : res.body
  return { threadId: thread.id as string, messageId: thread.messages[0].id as string }
}

const withThread: Prepare = (ctx, caller) => threadFor(ctx, caller)

export const COMMENT_FIXTURES = {
  listThreads: {},
  createThread: {
    prepare: (async (ctx) => {
      const anchor = await passageOf(ctx)
      return { start: anchor.start, end: anchor.end }
    }) as Prepare,
    body: (params: Record<string, string>) => ({
      anchor: { start: params.start, end: params.end },
      quote: 'gouvernance collaborative',
      body: 'Un commentaire',
    }),
  },
  replyThread: { prepare: withThread, body: () => ({ body: 'Une réponse' }) },
  editMessage: { prepare: withThread, body: () => ({ body: 'Modifié' }) },
  deleteMessage: { prepare: withThread },
  resolveThread: { prepare: withThread },
  reopenThread: { prepare: withThread },
  listWorkspaceThreads: {},
  listNotifications: {},
  markNotificationRead: { prepare: async () => ({ notificationId: 'none' }) },
  markAllNotificationsRead: {},
}
