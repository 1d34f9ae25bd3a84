import { describe, expect, test } from 'vitest'
import { ApiError } from '../api/client.ts'
import { isKept, scopeOf } from './apiCache.ts'
import { verdict } from './queue.ts'
import { pendingEdits } from './store.ts'

describe('what the device keeps of the API', () => {
  test('the reads a page view, the tree and the codebook need', () => {
    for (const path of [
      '/api/workspaces',
      '/api/workspaces/ws_1',
      '/api/workspaces/ws_1/pages',
      '/api/workspaces/ws_1/codebook',
      '/api/workspaces/ws_1/codebook?retired=true',
      '/api/workspaces/ws_1/members',
      '/api/workspaces/ws_1/matrix',
      '/api/workspaces/ws_1/changes?limit=20',
      '/api/pages/p_1',
      '/api/pages/p_1/properties',
      '/api/pages/p_1/passages',
      '/api/pages/p_1/threads',
      '/api/me/notifications',
    ])
      expect(isKept(path), path).toBe(true)
  })

  test('never searches, exports, tokens, invitations, the session or the event stream', () => {
    for (const path of [
      '/api/workspaces/ws_1/search?q=vélo',
      '/api/workspaces/ws_1/export/qdpx',
      '/api/workspaces/ws_1/events',
      '/api/tokens',
      '/api/invites/abc',
      '/api/me',
      '/api/setup',
    ])
      expect(isKept(path), path).toBe(false)
  })

  test('answers are filed under their workspace or page, so a lost access removes them', () => {
    expect(scopeOf('/api/workspaces/ws%201/pages', null)).toEqual({ workspaceId: 'ws 1', pageId: null })
    expect(scopeOf('/api/pages/p_1', { workspaceId: 'ws_2' })).toEqual({ workspaceId: 'ws_2', pageId: 'p_1' })
  })
})

describe('the queue of changes made offline', () => {
  test('network and server trouble wait; refusals are kept as refused; a lost session stops', () => {
    expect(verdict(new ApiError(0, 'network', ''))).toBe('retry')
    expect(verdict(new ApiError(503, 'unavailable', ''))).toBe('retry')
    expect(verdict(new ApiError(429, 'rate_limited', ''))).toBe('retry')
    expect(verdict(new ApiError(409, 'anchor_unknown', ''))).toBe('retry')
    expect(verdict(new ApiError(409, 'code_retired', ''))).toBe('refused')
    expect(verdict(new ApiError(409, 'quote_mismatch', ''))).toBe('refused')
    expect(verdict(new ApiError(403, 'forbidden', ''))).toBe('refused')
    expect(verdict(new ApiError(401, 'unauthenticated', ''))).toBe('stop')
  })

  test('a page waits for the modifications the server has not confirmed', () => {
    const page = {
      pageId: 'p',
      workspaceId: 'w',
      title: 't',
      kind: 'note',
      openedAt: 0,
      pin: null,
      pinnedBy: null,
      edits: 5,
      confirmed: 3,
      syncedAt: null,
      hasBody: true,
    }
    expect(pendingEdits(page)).toBe(2)
    expect(pendingEdits({ ...page, confirmed: 7 })).toBe(0)
  })
})
