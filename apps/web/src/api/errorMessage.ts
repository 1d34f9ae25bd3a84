/** Server error codes → sentences in the user's language (the server's messages are for logs). */
import type { TFunction } from 'i18next'
import { ApiError } from './client.ts'

const knownCodes = [
  'invalid_credentials',
  'rate_limited',
  'email_taken',
  'last_owner',
  'invite_invalid',
  'already_set_up',
  'invalid_current_password',
  'unauthenticated',
  'not_a_member',
  'forbidden',
  'page_not_found',
  'workspace_not_found',
  'member_not_found',
  'invite_not_found',
  'token_not_found',
  'code_not_found',
  'csrf',
  'network',
  'offline_unavailable',
] as const
type KnownCode = (typeof knownCodes)[number]

const fieldsWithMessages = ['email', 'password', 'newPassword', 'name', 'title'] as const
type FieldWithMessage = (typeof fieldsWithMessages)[number]

function isKnown<T extends string>(list: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (list as readonly string[]).includes(value)
}

export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.generic')
  if (error.code === 'rate_limited' && error.retryAfter)
    return t('errors.rate_limited_wait', { seconds: error.retryAfter })
  if (isKnown<KnownCode>(knownCodes, error.code)) return t(`errors.${error.code}`)
  if (error.code === 'invalid_input' && isKnown<FieldWithMessage>(fieldsWithMessages, error.field))
    return t(`errors.field.${error.field}`)
  if (error.code === 'invalid_input') return t('errors.invalid_input')
  return t('errors.generic')
}
