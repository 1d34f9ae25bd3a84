/** Comment threads on page passages and their messages (rows only; anchors resolve in comments/anchor.ts). */
import type { CommentMessage, PersonRef as Person, ThreadSummary } from '@tisserand/api-types'
import { type Kysely, sql } from 'kysely'
import { newId } from '../store/ids.ts'
import type { Database, ThreadStatus } from '../store/schema.ts'
import type { Anchor } from './anchor.ts'

export type { CommentMessage, PersonRef as Person, ThreadSummary } from '@tisserand/api-types'

export interface CommentThread {
  id: string
  workspaceId: string
  pageId: string
  anchor: Anchor
  quote: string
  status: ThreadStatus
  createdBy: Person
  createdAt: number
  updatedAt: number
  resolvedBy: Person | null
  resolvedAt: number | null
  messages: CommentMessage[]
}

export class Comments {
  constructor(private readonly db: Kysely<Database>) {}

  async createThread(input: {
    workspaceId: string
    pageId: string
    anchor: Anchor
    quote: string
    createdBy: string
    body: string
  }): Promise<{ threadId: string; messageId: string }> {
    const now = Date.now()
    const threadId = newId()
    const messageId = newId()
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('comment_thread')
        .values({
          id: threadId,
          workspace_id: input.workspaceId,
          page_id: input.pageId,
          anchor_start: input.anchor.start,
          anchor_end: input.anchor.end,
          quote: input.quote,
          status: 'open',
          created_by: input.createdBy,
          created_at: now,
          updated_at: now,
          resolved_by: null,
          resolved_at: null,
        })
        .execute()
      await tx
        .insertInto('comment_message')
        .values({
          id: messageId,
          thread_id: threadId,
          author_id: input.createdBy,
          body: input.body,
          created_at: now,
          edited_at: null,
          deleted_at: null,
        })
        .execute()
    })
    return { threadId, messageId }
  }

  async listForPage(pageId: string): Promise<CommentThread[]> {
    const rows = await this.threadQuery().where('t.page_id', '=', pageId).orderBy('t.created_at').execute()
    return this.withMessages(rows)
  }

  async get(threadId: string): Promise<CommentThread | null> {
    const row = await this.threadQuery().where('t.id', '=', threadId).executeTakeFirst()
    if (!row) return null
    const [thread] = await this.withMessages([row])
    return thread ?? null
  }

  async addMessage(threadId: string, authorId: string, body: string): Promise<string> {
    const now = Date.now()
    const id = newId()
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('comment_message')
        .values({
          id,
          thread_id: threadId,
          author_id: authorId,
          body,
          created_at: now,
          edited_at: null,
          deleted_at: null,
        })
        .execute()
      await tx.updateTable('comment_thread').set({ updated_at: now }).where('id', '=', threadId).execute()
    })
    return id
  }

  async getMessage(threadId: string, messageId: string) {
    return this.db
      .selectFrom('comment_message')
      .selectAll()
      .where('id', '=', messageId)
      .where('thread_id', '=', threadId)
      .executeTakeFirst()
  }

  async editMessage(messageId: string, body: string): Promise<void> {
    await this.db
      .updateTable('comment_message')
      .set({ body, edited_at: Date.now() })
      .where('id', '=', messageId)
      .execute()
  }

  /** Soft delete: the message stays in the thread as "deleted", without its text. */
  async deleteMessage(messageId: string): Promise<void> {
    await this.db
      .updateTable('comment_message')
      .set({ body: '', deleted_at: Date.now() })
      .where('id', '=', messageId)
      .execute()
  }

  async setStatus(threadId: string, status: ThreadStatus, userId: string): Promise<void> {
    const now = Date.now()
    await this.db
      .updateTable('comment_thread')
      .set(
        status === 'resolved'
          ? { status, resolved_by: userId, resolved_at: now, updated_at: now }
          : { status, resolved_by: null, resolved_at: null, updated_at: now },
      )
      .where('id', '=', threadId)
      .execute()
  }

  /** Threads of a workspace's live pages with `status`, most recently active first. */
  async listForWorkspace(workspaceId: string, status: ThreadStatus, limit = 200): Promise<ThreadSummary[]> {
    const rows = await this.db
      .selectFrom('comment_thread as t')
      .innerJoin('page as p', 'p.id', 't.page_id')
      .innerJoin('user as u', 'u.id', 't.created_by')
      .select((eb) => [
        't.id',
        't.page_id',
        'p.title as page_title',
        't.quote',
        't.status',
        't.created_by',
        'u.name as created_by_name',
        't.created_at',
        't.updated_at',
        eb
          .selectFrom('comment_message as m')
          .select((m) => m.fn.countAll<number>().as('n'))
          .whereRef('m.thread_id', '=', 't.id')
          .where('m.deleted_at', 'is', null)
          .as('message_count'),
      ])
      .where('t.workspace_id', '=', workspaceId)
      .where('t.status', '=', status)
      .where('p.archived_at', 'is', null)
      .orderBy('t.updated_at', 'desc')
      .limit(limit)
      .execute()
    return rows.map((r) => ({
      id: r.id,
      pageId: r.page_id,
      pageTitle: r.page_title,
      quote: r.quote,
      status: r.status,
      createdBy: { id: r.created_by, name: r.created_by_name },
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
      messageCount: Number(r.message_count ?? 0),
    }))
  }

  private threadQuery() {
    return this.db
      .selectFrom('comment_thread as t')
      .innerJoin('user as c', 'c.id', 't.created_by')
      .leftJoin('user as r', 'r.id', 't.resolved_by')
      .select([
        't.id',
        't.workspace_id',
        't.page_id',
        't.anchor_start',
        't.anchor_end',
        't.quote',
        't.status',
        't.created_by',
        'c.name as created_by_name',
        't.created_at',
        't.updated_at',
        't.resolved_by',
        'r.name as resolved_by_name',
        't.resolved_at',
      ])
  }

  private async withMessages(
    rows: Awaited<ReturnType<ReturnType<Comments['threadQuery']>['execute']>>,
  ): Promise<CommentThread[]> {
    if (rows.length === 0) return []
    const messages = await this.db
      .selectFrom('comment_message as m')
      .innerJoin('user as a', 'a.id', 'm.author_id')
      .select([
        'm.id',
        'm.thread_id',
        'm.author_id',
        'a.name as author_name',
        'm.body',
        'm.created_at',
        'm.edited_at',
        'm.deleted_at',
      ])
      .where(
        'm.thread_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('m.created_at')
      .orderBy(sql`m.rowid`)
      .execute()
    const byThread = new Map<string, CommentMessage[]>()
    for (const m of messages) {
      const list = byThread.get(m.thread_id) ?? []
      list.push({
        id: m.id,
        author: { id: m.author_id, name: m.author_name },
        body: m.deleted_at === null ? m.body : '',
        createdAt: Number(m.created_at),
        editedAt: m.edited_at === null ? null : Number(m.edited_at),
        deleted: m.deleted_at !== null,
      })
      byThread.set(m.thread_id, list)
    }
    return rows.map((r) => ({
      id: r.id,
      workspaceId: r.workspace_id,
      pageId: r.page_id,
      anchor: { start: toBytes(r.anchor_start), end: toBytes(r.anchor_end) },
      quote: r.quote,
      status: r.status,
      createdBy: { id: r.created_by, name: r.created_by_name },
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
      resolvedBy: r.resolved_by === null ? null : { id: r.resolved_by, name: r.resolved_by_name ?? '' },
      resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
      messages: byThread.get(r.id) ?? [],
    }))
  }
}

function toBytes(value: Uint8Array): Uint8Array {
  return value instanceof Uint8Array ? new Uint8Array(value) : new Uint8Array(value as ArrayLike<number>)
}
