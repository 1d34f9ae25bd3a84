/**
 * Which API reads are kept on the device, and under which workspace and page (so that losing
 * access to a workspace, or dropping a page, removes its answers too). Searches, exports, tokens
 * and invitations are not kept; the event stream never goes through fetch.
 */
import { offlineStore } from './current.ts'

const kept =
  /^\/api\/(workspaces(\/[^/?]+(\/(pages|codebook|members|template|changes|threads|trash|codes|matrix|cooccurrence|code-usage)[^?]*)?)?|pages\/[^/?]+(\/(properties|backlinks|passages|codes|threads))?|me\/notifications)(\?.*)?$/
const notKept = /\/(search|export|exports|events)(\/|\?|$)/

export function isKept(path: string): boolean {
  return kept.test(path) && !notKept.test(path)
}

export function scopeOf(path: string, value: unknown): { workspaceId: string | null; pageId: string | null } {
  const store = offlineStore()
  const workspace = /^\/api\/workspaces\/([^/?]+)/.exec(path)
  if (workspace?.[1]) return { workspaceId: decodeURIComponent(workspace[1]), pageId: null }
  const page = /^\/api\/pages\/([^/?]+)/.exec(path)
  if (page?.[1]) {
    const pageId = decodeURIComponent(page[1])
    const fromAnswer = (value as { workspaceId?: unknown } | null)?.workspaceId
    const workspaceId =
      store?.page(pageId)?.workspaceId ?? (typeof fromAnswer === 'string' ? fromAnswer : null)
    return { workspaceId, pageId }
  }
  return { workspaceId: null, pageId: null }
}

export async function keepAnswer(path: string, value: unknown): Promise<void> {
  const store = offlineStore()
  if (!store || !isKept(path)) return
  await store.cachePut(path, value, scopeOf(path, value))
}

export async function cachedAnswer(path: string): Promise<unknown> {
  const store = offlineStore()
  if (!store || !isKept(path)) return undefined
  return (await store.cacheGet(path))?.value
}
