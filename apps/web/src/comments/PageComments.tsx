/**
 * Comments on one page: the "Comment" button on a selection, the highlighted passages, and the
 * panel of threads (open / resolved). Loaded lazily with the editor.
 */
import type { Editor } from '@tiptap/react'
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role } from '../api/types.ts'
import { setAnchoredData } from '../editor/anchoredRanges.ts'
import { editorDom } from '../editor/editorDom.ts'
import { offlineStore } from '../offline/current.ts'
import { QueuedActionCard } from '../offline/QueuedActionCard.tsx'
import { type ActionPayloads, submitAction } from '../offline/queue.ts'
import { usePageActions } from '../offline/usePageActions.ts'
import { useUser } from '../session/SessionContext.tsx'
import { anchorFromRange } from './anchors.ts'
import { CommentButton } from './CommentButton.tsx'
import { Composer } from './Composer.tsx'
import { commentError } from './commentError.ts'
import { commentHighlightsKey } from './commentHighlights.ts'
import { commentsApi } from './commentsApi.ts'
import { type ThreadActions, ThreadCard } from './ThreadCard.tsx'
import type { EncodedAnchor, Thread, ThreadStatus } from './types.ts'
import { useBesidePassages } from './useBesidePassages.ts'
import { readEditorSelection, useEditorSelection } from './useEditorSelection.ts'
import { useMembers } from './useMembers.ts'
import { useThreads } from './useThreads.ts'
import './comments.css'

interface PageCommentsProps {
  editor: Editor | null
  pageId: string
  workspaceId: string
  role: Role
  /** A thread to show first (from a notification's link). */
  focusThreadId?: string | null
}

const COMMENTING_ROLES: readonly Role[] = ['owner', 'editor', 'commenter']
const COMMENT_ACTIONS = [
  'comment.create',
  'comment.reply',
  'comment.edit',
  'comment.remove',
  'comment.status',
] as const

/** The threads as the server has them, with the changes made here and not sent yet. */
function withQueued(
  threads: Thread[],
  pending: ReturnType<typeof usePageActions>['pending'],
  me: { id: string; name: string },
  pageId: string,
): (Thread & { pending?: boolean })[] {
  const out: (Thread & { pending?: boolean })[] = threads.map((thread) => ({
    ...thread,
    messages: [...thread.messages],
  }))
  for (const action of pending) {
    const at = action.createdAt
    if (action.kind === 'comment.create') {
      const { anchor, quote, body } = action.payload as ActionPayloads['comment.create']
      out.push({
        id: action.id,
        pageId,
        status: 'open',
        quote,
        detached: false,
        text: quote,
        anchor,
        createdBy: me,
        createdAt: at,
        updatedAt: at,
        resolvedBy: null,
        resolvedAt: null,
        messages: [{ id: `${action.id}-m`, author: me, body, createdAt: at, editedAt: null, deleted: false }],
        pending: true,
      })
      continue
    }
    const { threadId } = action.payload as { threadId: string }
    const thread = out.find((each) => each.id === threadId)
    if (!thread) continue
    thread.pending = true
    if (action.kind === 'comment.reply') {
      const { body } = action.payload as ActionPayloads['comment.reply']
      thread.messages.push({
        id: `${action.id}-m`,
        author: me,
        body,
        createdAt: at,
        editedAt: null,
        deleted: false,
      })
    } else if (action.kind === 'comment.edit') {
      const { messageId, body } = action.payload as ActionPayloads['comment.edit']
      thread.messages = thread.messages.map((m) => (m.id === messageId ? { ...m, body, editedAt: at } : m))
    } else if (action.kind === 'comment.remove') {
      const { messageId } = action.payload as ActionPayloads['comment.remove']
      thread.messages = thread.messages.map((m) =>
        m.id === messageId ? { ...m, body: '', deleted: true } : m,
      )
    } else if (action.kind === 'comment.status') {
      thread.status = (action.payload as ActionPayloads['comment.status']).status
    }
  }
  return out
}
const RESOLVING_ANY_ROLES: readonly Role[] = ['owner', 'editor']

export function PageComments({ editor, pageId, workspaceId, role, focusThreadId }: PageCommentsProps) {
  const { t } = useTranslation()
  const me = useUser()
  const threads = useThreads(pageId, workspaceId)
  const members = useMembers(workspaceId)
  const selection = useEditorSelection(editor)
  const [tab, setTab] = useState<ThreadStatus>('open')
  const [activeId, setActiveId] = useState<string | null>(focusThreadId ?? null)
  const [draft, setDraft] = useState<{ anchor: EncodedAnchor; quote: string } | null>(null)
  const cards = useRef(new Map<string, HTMLElement>())
  const listRef = useRef<HTMLDivElement>(null)
  const titleId = useId()
  const canComment = COMMENTING_ROLES.includes(role)
  const queued = usePageActions(pageId, COMMENT_ACTIONS, threads.reload)
  const target = { workspaceId, pageId, pageTitle: offlineStore()?.page(pageId)?.title ?? '' }

  const all = useMemo(
    () => withQueued(threads.data?.threads ?? [], queued.pending, { id: me.id, name: me.name }, pageId),
    [threads.data, queued.pending, me.id, me.name, pageId],
  )
  const open = all.filter((thread) => thread.status === 'open')
  const resolved = all.filter((thread) => thread.status === 'resolved')
  const shown = tab === 'open' ? open : resolved

  // Open threads are highlighted; a resolved one only while it is selected in the resolved tab.
  const highlighted = useMemo(
    () =>
      all
        .filter(
          (thread) =>
            !thread.detached && (thread.status === 'open' || (thread.id === activeId && tab === 'resolved')),
        )
        .map((thread) => ({ id: thread.id, anchor: thread.anchor })),
    [all, activeId, tab],
  )
  useEffect(() => {
    setAnchoredData(editor, commentHighlightsKey, { threads: highlighted, activeId })
  }, [editor, highlighted, activeId])

  /** Panel → text: select the thread and bring its passage into view. */
  const showInText = useCallback(
    (threadId: string) => {
      setActiveId(threadId)
      requestAnimationFrame(() => {
        const mark = editor?.view.dom.querySelector(`[data-thread-id="${CSS.escape(threadId)}"]`)
        mark?.scrollIntoView({ block: 'center', behavior: 'smooth' })
      })
    },
    [editor],
  )

  /** Text → panel: a click on a highlighted passage opens its thread in the panel. */
  useEffect(() => {
    if (!editor) return
    let dom: HTMLElement
    try {
      dom = editor.view.dom
    } catch {
      return
    }
    const onClick = (event: MouseEvent) => {
      const mark = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-thread-id]')
      const id = mark?.dataset.threadId
      if (!id || window.getSelection()?.isCollapsed === false) return
      setActiveId(id)
    }
    dom.addEventListener('click', onClick)
    return () => dom.removeEventListener('click', onClick)
  }, [editor])

  // A newly selected thread's card: on its tab and in view. (A thread someone else resolves while
  // it is selected does not pull the panel to another tab.)
  const activeStatus = useRef<ThreadStatus | undefined>(undefined)
  activeStatus.current = all.find((thread) => thread.id === activeId)?.status
  const activeLoaded = activeStatus.current !== undefined
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the selection changes or its thread first loads
  useEffect(() => {
    const status = activeStatus.current
    if (!activeId || !status) return
    setTab(status)
    requestAnimationFrame(() =>
      cards.current.get(activeId)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }),
    )
  }, [activeId, activeLoaded])

  // Opened from a notification or a link (?thread=…): the text scrolls to the thread's passage
  // once the body has synced and the highlight is drawn.
  const scrolledTo = useRef<string | null>(null)
  useEffect(() => {
    if (!editor || !focusThreadId || scrolledTo.current === focusThreadId || !activeLoaded) return
    let tries = 0
    const timer = window.setInterval(() => {
      tries += 1
      const mark = editorDom(editor)?.querySelector(`[data-thread-id="${CSS.escape(focusThreadId)}"]`)
      if (mark || tries > 40) {
        window.clearInterval(timer)
        scrolledTo.current = focusThreadId
        mark?.scrollIntoView({ block: 'center' })
      }
    }, 100)
    return () => window.clearInterval(timer)
  }, [editor, focusThreadId, activeLoaded])

  const startThread = () => {
    if (!editor || !selection) return
    // Read the DOM selection now: keys may outrun both the selectionchange events and the
    // editor's own selection, which follow a task later.
    const { from, to } =
      readEditorSelection(editor) ?? (editor.state.selection.empty ? selection : editor.state.selection)
    const anchor = anchorFromRange(editor.state, from, to)
    if (!anchor) return
    setDraft({ anchor, quote: editor.state.doc.textBetween(from, to, '\n') })
    setTab('open')
    window.getSelection()?.removeAllRanges()
  }

  // Ctrl+Alt+M (⌘⌥M), as in other editors: comment the selected passage without the mouse.
  const start = useRef(startThread)
  start.current = canComment && selection && !draft ? startThread : () => {}
  useEffect(() => {
    if (!editor) return
    // On the document: the editor may not be mounted yet when this runs.
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.altKey || event.code !== 'KeyM') return
      if (!editorDom(editor)?.contains(event.target as Node)) return
      event.preventDefault()
      start.current()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [editor])

  const afterChange = <T,>(promise: Promise<T>) =>
    promise.then((value) => {
      threads.reload()
      return value
    })

  const actions: ThreadActions = {
    reply: (threadId, body) =>
      afterChange(
        submitAction('comment.reply', target, { threadId, body }, () =>
          commentsApi.reply(pageId, threadId, body),
        ),
      ),
    edit: (threadId, messageId, body) =>
      afterChange(
        submitAction('comment.edit', target, { threadId, messageId, body }, () =>
          commentsApi.edit(pageId, threadId, messageId, body),
        ),
      ),
    remove: (threadId, messageId) =>
      afterChange(
        submitAction('comment.remove', target, { threadId, messageId }, () =>
          commentsApi.remove(pageId, threadId, messageId),
        ),
      ),
    // The thread moves to the other tab; the panel follows it.
    setStatus: (threadId, status) =>
      afterChange(
        submitAction('comment.status', target, { threadId, status }, () =>
          commentsApi.setStatus(pageId, threadId, status),
        ),
      ).then(() => {
        setTab(status)
        setActiveId(threadId)
      }),
  }

  const { ordered, beside } = useBesidePassages(editor, shown, tab === 'open' && !draft, cards, listRef)

  return (
    <aside className={beside ? 'comments-aside is-beside' : 'comments-aside'} aria-labelledby={titleId}>
      {canComment && selection && !draft && <CommentButton rect={selection.rect} onClick={startThread} />}
      <div className="comments-head">
        <h2 id={titleId} className="comments-title">
          {t('comments.panelTitle')}
        </h2>
        <div className="comments-tabs" role="tablist" aria-label={t('comments.panelTitle')}>
          {(['open', 'resolved'] as const).map((status) => (
            <button
              key={status}
              type="button"
              role="tab"
              aria-selected={tab === status}
              className="comments-tab"
              onClick={() => setTab(status)}
            >
              {t(`comments.tabs.${status}`, { count: status === 'open' ? open.length : resolved.length })}
            </button>
          ))}
        </div>
      </div>

      {draft && (
        <section className="comment-thread is-draft" aria-label={t('comments.newThread')}>
          <p className="comment-quote-static">
            <q>{draft.quote}</q>
          </p>
          <Composer
            label={t('comments.newThread')}
            placeholder={t('comments.placeholder')}
            submitLabel={t('comments.post')}
            members={members}
            autoFocus
            onSubmit={async (body) => {
              const done = await submitAction('comment.create', target, { ...draft, body }, () =>
                commentsApi.create(pageId, { ...draft, body }),
              )
              setDraft(null)
              threads.reload()
              setActiveId(done.sent ? done.value.id : done.action.id)
            }}
            onCancel={() => setDraft(null)}
          />
        </section>
      )}

      {queued.refused.map((action) => (
        <QueuedActionCard key={action.id} action={action} showPage={false} />
      ))}
      {threads.error && (
        <p className="banner banner-denied" role="alert">
          {commentError(t, threads.error)}
        </p>
      )}
      {!canComment && <p className="hint">{t('comments.readOnlyHint')}</p>}
      {threads.data && shown.length === 0 && !draft && (
        <p className="comments-empty">
          {tab === 'open'
            ? t(canComment ? 'comments.emptyOpen' : 'comments.emptyOpenReader')
            : t('comments.emptyResolved')}
        </p>
      )}
      <div className="comments-list" role="tabpanel" ref={listRef}>
        {ordered.map((thread) => (
          <ThreadCard
            key={thread.id}
            thread={thread}
            pending={thread.pending === true}
            active={thread.id === activeId}
            myId={me.id}
            canComment={canComment}
            canResolve={RESOLVING_ANY_ROLES.includes(role) || (canComment && thread.createdBy.id === me.id)}
            members={members}
            actions={actions}
            onActivate={showInText}
            cardRef={(element) => {
              if (element) cards.current.set(thread.id, element)
              else cards.current.delete(thread.id)
            }}
          />
        ))}
      </div>
    </aside>
  )
}
