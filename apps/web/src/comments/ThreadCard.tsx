import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../ui/formatDate.ts'
import { Composer } from './Composer.tsx'
import { commentError } from './commentError.ts'
import { MessageBody } from './MessageBody.tsx'
import type { Mentionable } from './mentions.ts'
import type { CommentMessage, Thread } from './types.ts'

export interface ThreadActions {
  reply: (threadId: string, body: string) => Promise<unknown>
  edit: (threadId: string, messageId: string, body: string) => Promise<unknown>
  remove: (threadId: string, messageId: string) => Promise<unknown>
  setStatus: (threadId: string, status: Thread['status']) => Promise<unknown>
}

interface ThreadCardProps {
  thread: Thread
  /** Holds changes made on this device that the server has not received yet. */
  pending?: boolean
  active: boolean
  myId: string
  canComment: boolean
  canResolve: boolean
  members: Mentionable[]
  actions: ThreadActions
  /** Selects the thread and shows its passage in the text. */
  onActivate: (threadId: string) => void
  cardRef: (element: HTMLElement | null) => void
}

/** One discussion: the passage it is about, its messages, and what the user may do with it. */
export function ThreadCard({
  thread,
  active,
  myId,
  canComment,
  canResolve,
  members,
  actions,
  pending = false,
  ...props
}: ThreadCardProps) {
  const { t, i18n } = useTranslation()
  const [replying, setReplying] = useState(false)
  const [editingId, setEditingId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (failure) {
      setError(commentError(t, failure))
    } finally {
      setBusy(false)
    }
  }

  const renderMessage = (message: CommentMessage) => {
    const mine = message.author.id === myId && !message.deleted
    return (
      <li key={message.id} className="comment-message">
        <div className="comment-meta">
          <span className="comment-author">{message.author.name}</span>
          <time dateTime={new Date(message.createdAt).toISOString()}>
            {formatDate(message.createdAt, i18n.language, true)}
          </time>
          {message.editedAt !== null && !message.deleted && (
            <span className="comment-edited">{t('comments.edited')}</span>
          )}
          {mine && canComment && editingId !== message.id && (
            <div className="comment-message-actions">
              <button type="button" className="button-quiet" onClick={() => setEditingId(message.id)}>
                {t('comments.edit')}
              </button>
              <button
                type="button"
                className="button-quiet"
                disabled={busy}
                onClick={() => {
                  if (window.confirm(t('comments.deleteConfirm')))
                    void run(() => actions.remove(thread.id, message.id))
                }}
              >
                {t('comments.delete')}
              </button>
            </div>
          )}
        </div>
        {message.deleted ? (
          <p className="comment-body comment-deleted">{t('comments.deleted')}</p>
        ) : editingId === message.id ? (
          <Composer
            label={t('comments.editLabel')}
            placeholder={t('comments.placeholder')}
            submitLabel={t('comments.save')}
            members={members}
            initial={message.body}
            autoFocus
            onSubmit={async (body) => {
              await actions.edit(thread.id, message.id, body)
              setEditingId(null)
            }}
            onCancel={() => setEditingId(null)}
          />
        ) : (
          <MessageBody body={message.body} />
        )}
      </li>
    )
  }

  const quote = thread.detached ? thread.quote : (thread.text ?? thread.quote)
  return (
    <article
      ref={props.cardRef}
      className={`comment-thread${active ? ' is-active' : ''}${thread.detached ? ' is-detached' : ''}${pending ? ' is-queued' : ''}`}
      data-thread-id={thread.id}
      data-status={thread.status}
      aria-label={t('comments.threadLabel', { quote })}
    >
      <button
        type="button"
        className="comment-quote"
        onClick={() => props.onActivate(thread.id)}
        aria-pressed={active}
        title={thread.detached ? undefined : t('comments.showInText')}
      >
        {thread.detached && <span className="comment-detached">{t('comments.detached')}</span>}
        {pending && <span className="queued-badge">{t('offline.action.pending')}</span>}
        <q>{quote}</q>
      </button>
      <ol className="comment-messages">{thread.messages.map(renderMessage)}</ol>
      {thread.status === 'resolved' && thread.resolvedBy && (
        <p className="comment-resolved-by">{t('comments.resolvedBy', { name: thread.resolvedBy.name })}</p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {replying ? (
        <Composer
          label={t('comments.replyLabel')}
          placeholder={t('comments.replyPlaceholder')}
          submitLabel={t('comments.reply')}
          members={members}
          autoFocus
          onSubmit={async (body) => {
            await actions.reply(thread.id, body)
            setReplying(false)
          }}
          onCancel={() => setReplying(false)}
        />
      ) : (
        (canComment || canResolve) && (
          <div className="comment-thread-actions">
            {canComment && (
              <button type="button" className="button-quiet" onClick={() => setReplying(true)}>
                {t('comments.reply')}
              </button>
            )}
            {canResolve && (
              <button
                type="button"
                className="button-quiet"
                disabled={busy}
                onClick={() =>
                  void run(() => actions.setStatus(thread.id, thread.status === 'open' ? 'resolved' : 'open'))
                }
              >
                {thread.status === 'open' ? t('comments.resolve') : t('comments.reopen')}
              </button>
            )}
          </div>
        )
      )}
    </article>
  )
}
