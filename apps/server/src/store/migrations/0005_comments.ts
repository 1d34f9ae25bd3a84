import type { Kysely } from 'kysely'

/**
 * Comment threads anchored beside page bodies (never inside them), their messages, and the
 * in-app notifications that mentions create.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('comment_thread')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('page_id', 'text', (c) => c.notNull().references('page.id').onDelete('cascade'))
    // Y.encodeRelativePosition of the passage's start and end over the page's `default` fragment.
    .addColumn('anchor_start', 'blob', (c) => c.notNull())
    .addColumn('anchor_end', 'blob', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_by', 'text', (c) => c.references('user.id'))
    .addColumn('resolved_at', 'bigint')
    .execute()
  await db.schema
    .createTable('comment_message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('comment_thread.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('edited_at', 'bigint')
    .addColumn('deleted_at', 'bigint')
    .execute()
  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('user.id'))
    .addColumn('page_id', 'text', (c) => c.references('page.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.references('comment_thread.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.references('comment_message.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('comment_thread_by_page')
    .on('comment_thread')
    .columns(['page_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('comment_thread_by_workspace_status')
    .on('comment_thread')
    .columns(['workspace_id', 'status', 'updated_at'])
    .execute()
  await db.schema
    .createIndex('comment_message_by_thread')
    .on('comment_message')
    .columns(['thread_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('notification_by_user')
    .on('notification')
    .columns(['user_id', 'read_at', 'created_at'])
    .execute()
  // One mention of a member in a message is one notification, however often the message is edited.
  await db.schema
    .createIndex('notification_once_per_message')
    .on('notification')
    .columns(['user_id', 'kind', 'message_id'])
    .unique()
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notification', 'comment_message', 'comment_thread']) {
    await db.schema.dropTable(table).execute()
  }
}
