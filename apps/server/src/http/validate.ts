/** Request bodies and query strings checked with zod; a bad one is a 400 that names the field. */
import type { Context } from 'hono'
import type { z } from 'zod'
import { ApiError } from '../errors.ts'

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body must be JSON')
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.join('.') || undefined
    throw new ApiError(
      400,
      'invalid_input',
      field ? `${field}: ${issue?.message}` : (issue?.message ?? 'Invalid input'),
      field,
    )
  }
  return parsed.data
}

/** Query strings checked like bodies: a bad one is a 400 naming the parameter. */
export function readQuery<S extends z.ZodType>(query: Record<string, string>, schema: S): z.infer<S> {
  const parsed = schema.safeParse(query)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue?.path.join('.') || undefined
  throw new ApiError(400, 'invalid_input', `${field ?? 'query'}: ${issue?.message ?? 'invalid'}`, field)
}
