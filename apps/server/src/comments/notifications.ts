/** In-app notifications: a member's inbox (mentions in comments for now). */
import type { Notification } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import { newId } from '../store/ids.ts'
import type { Database } from '../store/schema.ts'

export type { Notification } from '@tisserand/api-types'

const EXCERPT_CHARS = 160

export class Notifications {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * One `mention` notification per member mentioned in a message. Mentioning someone again in an
   * edit of the same message adds nothing (unique per user and message). Returns who was notified.
   */
  async notifyMentions(input: {
    workspaceId: string
    userIds: string[]
    actorId: string
    pageId: string
    threadId: string
    messageId: string
  }): Promise<string[]> {
    const notified: string[] = []
    const now = Date.now()
    for (const userId of new Set(input.userIds)) {
      if (userId === input.actorId) continue
      const result = await this.db
        .insertInto('notification')
        .values({
          id: newId(),
          user_id: userId,
          workspace_id: input.workspaceId,
          kind: 'mention',
          actor_id: input.actorId,
          page_id: input.pageId,
          thread_id: input.threadId,
          message_id: input.messageId,
          created_at: now,
          read_at: null,
        })
        .onConflict((oc) => oc.columns(['user_id', 'kind', 'message_id']).doNothing())
        .executeTakeFirst()
      if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) notified.push(userId)
    }
    return notified
  }

  /** The latest notifications of `userId`, from workspaces they still belong to. */
  async list(userId: string, limit = 50): Promise<Notification[]> {
    const rows = await this.inbox(userId)
      .leftJoin('user as a', 'a.id', 'n.actor_id')
      .leftJoin('page as p', 'p.id', 'n.page_id')
      .leftJoin('comment_message as m', 'm.id', 'n.message_id')
      .select([
        'n.id',
        'n.kind',
        'n.workspace_id',
        'n.actor_id',
        'a.name as actor_name',
        'n.page_id',
        'p.title as page_title',
        'n.thread_id',
        'n.message_id',
        'm.body',
        'n.created_at',
        'n.read_at',
      ])
      .orderBy('n.created_at', 'desc')
      .limit(limit)
      .execute()
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      workspaceId: r.workspace_id,
      actor: r.actor_id === null ? null : { id: r.actor_id, name: r.actor_name ?? '' },
      pageId: r.page_id,
      pageTitle: r.page_title,
      threadId: r.thread_id,
      messageId: r.message_id,
      excerpt: (r.body ?? '').slice(0, EXCERPT_CHARS),
      createdAt: Number(r.created_at),
      readAt: r.read_at === null ? null : Number(r.read_at),
    }))
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.inbox(userId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('n.read_at', 'is', null)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  /** Marks one of the user's notifications read; false if it is not theirs or does not exist. */
  async markRead(userId: string, id: string): Promise<boolean> {
    const exists = await this.db
      .selectFrom('notification')
      .select(['id', 'read_at'])
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    if (!exists) return false
    if (exists.read_at === null)
      await this.db.updateTable('notification').set({ read_at: Date.now() }).where('id', '=', id).execute()
    return true
  }

  async markAllRead(userId: string): Promise<void> {
    await this.db
      .updateTable('notification')
      .set({ read_at: Date.now() })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .execute()
  }

  private inbox(userId: string) {
    return this.db
      .selectFrom('notification as n')
      .innerJoin('member as mb', (join) =>
        join.onRef('mb.workspace_id', '=', 'n.workspace_id').onRef('mb.user_id', '=', 'n.user_id'),
      )
      .where('n.user_id', '=', userId)
  }
}
