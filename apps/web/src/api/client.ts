/**
 * The one way the app talks to the Tisserand API: same-origin fetch with the session cookie,
 * JSON in and out, and every failure turned into an ApiError carrying the server's code.
 * Reads are kept in the signed-in user's offline store and answered from it when the server
 * cannot be reached (offline/apiCache.ts).
 */
import { cachedAnswer, keepAnswer } from '../offline/apiCache.ts'
import { network } from '../offline/network.ts'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds to wait before retrying, from Retry-After (rate limits). */
    readonly retryAfter?: number,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

const unauthenticatedListeners = new Set<() => void>()

/** Called when a request answers 401: the session ended (logout elsewhere, password change). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener)
  return () => unauthenticatedListeners.delete(listener)
}

/** A body sent as is (a file's text), not as JSON. */
interface RawBody {
  raw: string
  type: string
}

function isRaw(body: unknown): body is RawBody {
  return body instanceof Object && 'raw' in body && 'type' in body
}

async function request<T>(method: Method, path: string, body?: unknown, fresh = false): Promise<T> {
  let response: Response
  const raw = isRaw(body) ? body : null
  // A form sets its own multipart content type, with its boundary.
  const form = body instanceof FormData ? body : null
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined || form
          ? { accept: 'application/json' }
          : { 'content-type': raw ? raw.type : 'application/json', accept: 'application/json' },
      body: body === undefined ? null : (form ?? (raw ? raw.raw : JSON.stringify(body))),
    })
  } catch {
    network.markUnreachable()
    if (method === 'GET' && !fresh) {
      const kept = await cachedAnswer(path)
      if (kept !== undefined) return kept as T
      throw new ApiError(
        0,
        'offline_unavailable',
        'Not kept on this device, and the server could not be reached',
      )
    }
    throw new ApiError(0, 'network', 'The server could not be reached')
  }
  network.markReachable()
  if (response.status === 204) return undefined as T
  const payload: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = (payload as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)
      ?.error
    const apiError = new ApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : 'http_error',
      typeof error?.message === 'string' ? error.message : response.statusText,
      typeof error?.field === 'string' ? error.field : undefined,
      Number(response.headers.get('retry-after')) || undefined,
    )
    if (response.status === 401) for (const listener of unauthenticatedListeners) listener()
    throw apiError
  }
  if (method === 'GET') void keepAnswer(path, payload)
  return payload as T
}

export const api = {
  /** `fresh`: the server's answer or an error, never the copy kept on the device. */
  get: <T>(path: string, options: { fresh?: boolean } = {}) =>
    request<T>('GET', path, undefined, options.fresh ?? false),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  /** Posts `text` as the body with its own content type (file uploads). */
  postText: <T>(path: string, text: string, type: string) => request<T>('POST', path, { raw: text, type }),
  /** Posts a multipart form (file uploads). */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
}
