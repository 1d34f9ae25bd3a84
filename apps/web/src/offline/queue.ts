/**
 * Coding, comments and case properties made without a network. Each change is tried at once when
 * the server can be reached and nothing waits before it; otherwise it joins the user's queue on
 * the device (offline/store.ts) and is sent in order once the network is back, after the page's
 * own text (a passage typed offline must reach the server before its coding).
 *
 * What the server refuses (a code retired meanwhile, a passage that no longer reads as quoted) is
 * never dropped: the action stays, marked refused with the server's reason and its passage, until
 * the user re-codes it, copies it or dismisses it.
 */
import { ApiError } from '../api/client.ts'
import { wikiApi } from '../api/endpoints.ts'
import type { CaseProperties } from '../api/types.ts'
import { codingApi } from '../coding/codingApi.ts'
import { commentsApi } from '../comments/commentsApi.ts'
import type { EncodedAnchor, ThreadStatus } from '../comments/types.ts'
import { openConnectionOf } from '../sync/pageConnection.ts'
import { offlineStore } from './current.ts'
import { network } from './network.ts'
import type { ActionKind, OfflineStore, QueuedAction } from './store.ts'

/** Ids of what an action creates, until the server gives the real one. */
export const LOCAL_PREFIX = 'local-'

export function isLocalId(id: string): boolean {
  return id.startsWith(LOCAL_PREFIX)
}

export interface ActionPayloads {
  /** `labels`: the codes' names when it was made, to show it while it waits. */
  'coding.create': { codeIds: string[]; anchor: EncodedAnchor; quote: string; labels?: string[] }
  'coding.change': { codingId: string; codeId: string }
  'coding.remove': { codingId: string }
  'caseCode.add': { codeId: string; labels?: string[] }
  'caseCode.remove': { codeId: string }
  'comment.create': { anchor: EncodedAnchor; quote: string; body: string }
  'comment.reply': { threadId: string; body: string }
  'comment.edit': { threadId: string; messageId: string; body: string }
  'comment.remove': { threadId: string; messageId: string }
  'comment.status': { threadId: string; status: ThreadStatus }
  'properties.update': { patch: Partial<CaseProperties> }
}

export interface ActionTarget {
  workspaceId: string
  pageId: string
  pageTitle: string
}

function perform(action: QueuedAction): Promise<unknown> {
  const { pageId } = action
  const p = action.payload as never
  switch (action.kind) {
    case 'coding.create': {
      const { codeIds, anchor, quote } = p as ActionPayloads['coding.create']
      return codingApi.code(pageId, codeIds, anchor, quote)
    }
    case 'coding.change': {
      const { codingId, codeId } = p as ActionPayloads['coding.change']
      return codingApi.changeCode(pageId, codingId, codeId)
    }
    case 'coding.remove':
      return codingApi.uncode(pageId, (p as ActionPayloads['coding.remove']).codingId)
    case 'caseCode.add':
      return codingApi.addCaseCode(pageId, (p as ActionPayloads['caseCode.add']).codeId)
    case 'caseCode.remove':
      return codingApi.removeCaseCode(pageId, (p as ActionPayloads['caseCode.remove']).codeId)
    case 'comment.create':
      return commentsApi.create(pageId, p as ActionPayloads['comment.create'])
    case 'comment.reply': {
      const { threadId, body } = p as ActionPayloads['comment.reply']
      return commentsApi.reply(pageId, threadId, body)
    }
    case 'comment.edit': {
      const { threadId, messageId, body } = p as ActionPayloads['comment.edit']
      return commentsApi.edit(pageId, threadId, messageId, body)
    }
    case 'comment.remove': {
      const { threadId, messageId } = p as ActionPayloads['comment.remove']
      return commentsApi.remove(pageId, threadId, messageId)
    }
    case 'comment.status': {
      const { threadId, status } = p as ActionPayloads['comment.status']
      return commentsApi.setStatus(pageId, threadId, status)
    }
    case 'properties.update':
      return wikiApi.updateProperties(pageId, (p as ActionPayloads['properties.update']).patch)
  }
}

/** What the server's answer says about the queue: done, refused for good, or to retry later. */
export function verdict(error: unknown): 'retry' | 'refused' | 'stop' {
  if (!(error instanceof ApiError)) return 'retry'
  if (error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429)
    return 'retry'
  if (error.status === 401) return 'stop'
  // The page's text has not reached the server yet: it will (see sendPending in engine.ts).
  if (error.code === 'anchor_unknown' || error.code === 'anchor_not_synced') return 'retry'
  return 'refused'
}

const changeListeners = new Set<(pageId: string) => void>()

/** Told when queued actions of a page were sent (to reload what shows them). */
export function onActionsSent(listener: (pageId: string) => void): () => void {
  changeListeners.add(listener)
  return () => changeListeners.delete(listener)
}

let kick: (() => void) | null = null

/** The engine's way to be told that something joined the queue. */
export function setQueueKick(next: (() => void) | null): void {
  kick = next
}

function newLocalId(): string {
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random())
  return `${LOCAL_PREFIX}${random}`
}

export type Submitted<T> = { sent: true; value: T } | { sent: false; action: QueuedAction }

/**
 * Sends one change now, or queues it: when offline, when earlier changes still wait (order is
 * kept), or when the server turns out to be unreachable. A refusal while online is thrown as
 * usual, for the form that made it to show.
 */
export async function submitAction<K extends ActionKind, T>(
  kind: K,
  target: ActionTarget,
  payload: ActionPayloads[K],
  send: () => Promise<T>,
): Promise<Submitted<T>> {
  const store = offlineStore()
  const waiting = store?.getSnapshot().actions.some((a) => a.state === 'pending') ?? false
  const dependsOnLocal = Object.values(payload).some((value) => typeof value === 'string' && isLocalId(value))
  if (store && (waiting || dependsOnLocal || !network.isOnline())) {
    return { sent: false, action: await enqueue(store, kind, target, payload) }
  }
  try {
    return { sent: true, value: await send() }
  } catch (error) {
    if (store && error instanceof ApiError && error.status === 0)
      return { sent: false, action: await enqueue(store, kind, target, payload) }
    throw error
  }
}

async function enqueue(
  store: OfflineStore,
  kind: ActionKind,
  target: ActionTarget,
  payload: Record<string, unknown>,
): Promise<QueuedAction> {
  // Changing or removing something that itself waits in the queue changes that action instead.
  const localTarget = (payload.codingId as string | undefined) ?? undefined
  if (localTarget && isLocalId(localTarget)) {
    const creating = store.getSnapshot().actions.find((a) => a.id === localTarget && a.state === 'pending')
    if (creating && kind === 'coding.remove') {
      await store.removeAction(creating.seq)
      return creating
    }
    if (creating && kind === 'coding.change') {
      const updated = { ...creating, payload: { ...creating.payload, codeIds: [payload.codeId] } }
      await store.updateAction(updated)
      return updated
    }
  }
  const action = await store.addAction({
    id: newLocalId(),
    kind,
    ...target,
    payload,
    createdAt: Date.now(),
    state: 'pending',
    error: null,
  })
  kick?.()
  return action
}

/** The real id an action's creation received, replacing its local id in the actions after it. */
async function resolveLocalIds(store: OfflineStore, localId: string, realId: string): Promise<void> {
  for (const action of store.getSnapshot().actions) {
    const entries = Object.entries(action.payload)
    if (!entries.some(([, value]) => value === localId)) continue
    const payload = Object.fromEntries(
      entries.map(([key, value]) => [key, value === localId ? realId : value]),
    )
    await store.updateAction({ ...action, payload })
  }
}

function createdId(action: QueuedAction, value: unknown): string | null {
  if (action.kind === 'comment.create') return (value as { id?: string } | null)?.id ?? null
  if (action.kind === 'coding.create')
    return (value as { passages?: { id: string }[] })?.passages?.[0]?.id ?? null
  return null
}

/** Waits (a little) for the page's text typed on this device to be on the server. */
async function pageTextSent(pageId: string): Promise<void> {
  const open = openConnectionOf(pageId)
  if (open) await open.whenConfirmed(15_000)
}

const MAX_ATTEMPTS = 6

/**
 * Sends the queue in order. Stops at the first change that must wait (no network, server error)
 * and leaves it and those after it for the next try; marks refusals and goes on.
 */
export async function flushQueue(store: OfflineStore): Promise<'done' | 'waiting'> {
  for (;;) {
    const next = store.getSnapshot().actions.find((a) => a.state === 'pending')
    if (!next) return 'done'
    if (!network.isOnline()) return 'waiting'
    const refusedOrigin = Object.values(next.payload).find(
      (value) => typeof value === 'string' && isLocalId(value),
    ) as string | undefined
    if (refusedOrigin) {
      // What it depends on was refused (or dismissed): it cannot be sent either.
      await store.updateAction({
        ...next,
        state: 'refused',
        error: { status: 409, code: 'depends_on_refused', message: 'Depends on a refused change' },
      })
      continue
    }
    await pageTextSent(next.pageId)
    try {
      const value = await perform(next)
      const id = createdId(next, value)
      if (id) await resolveLocalIds(store, next.id, id)
      await store.removeAction(next.seq)
      for (const listener of [...changeListeners]) listener(next.pageId)
    } catch (error) {
      const outcome = verdict(error)
      const attempts = Number((next.payload._attempts as number | undefined) ?? 0) + 1
      if (
        outcome === 'refused' ||
        (outcome === 'retry' && attempts >= MAX_ATTEMPTS && error instanceof ApiError && error.status >= 400)
      ) {
        const e = error instanceof ApiError ? error : new ApiError(0, 'internal', String(error))
        await store.updateAction({
          ...next,
          state: 'refused',
          error: { status: e.status, code: e.code, message: e.message },
        })
        for (const listener of [...changeListeners]) listener(next.pageId)
        continue
      }
      if (outcome === 'retry' && error instanceof ApiError && error.status >= 400)
        await store.updateAction({ ...next, payload: { ...next.payload, _attempts: attempts } })
      return 'waiting'
    }
  }
}

/** Sends a refused coding again with other codes (the passage was kept). */
export async function recodeRefused(action: QueuedAction, codeIds: string[]): Promise<void> {
  const store = offlineStore()
  if (!store) return
  await store.updateAction({
    ...action,
    state: 'pending',
    error: null,
    payload: { ...action.payload, codeIds, _attempts: 0 },
  })
  kick?.()
}

export async function dismissAction(action: QueuedAction): Promise<void> {
  await offlineStore()?.removeAction(action.seq)
}
