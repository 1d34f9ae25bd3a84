/**
 * Errors a request can end with, as an HTTP status and a stable code (`{error:{code,message}}` on
 * the wire, see http/errors.ts). Services and the platform throw them without knowing about HTTP.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}
