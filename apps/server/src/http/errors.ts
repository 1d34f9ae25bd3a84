/** The one shape every API error takes on the wire: HTTP 4xx/5xx with `{error:{code,message}}`. */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ApiError } from '../errors.ts'

export function errorBody(code: string, message: string, field?: string) {
  return { error: field ? { code, message, field } : { code, message } }
}

export function errorResponse(c: Context, error: Error) {
  if (error instanceof ApiError)
    return c.json(errorBody(error.code, error.message, error.field), error.status)
  if (error instanceof HTTPException) {
    const code = error.status === 413 ? 'payload_too_large' : 'http_error'
    return c.json(errorBody(code, error.message || 'Request refused'), error.status as ContentfulStatusCode)
  }
  return c.json(errorBody('internal', 'Internal server error'), 500)
}
