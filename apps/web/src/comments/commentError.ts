import type { TFunction } from 'i18next'
import { ApiError } from '../api/client.ts'
import { errorMessage } from '../api/errorMessage.ts'

const COMMENT_CODES = [
  'not_author',
  'invalid_mention',
  'anchor_not_synced',
  'invalid_anchor',
  'thread_not_found',
  'message_not_found',
] as const

/** The comment routes' own error codes in the user's language; others as the app words them. */
export function commentError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const code = COMMENT_CODES.find((known) => known === error.code)
    if (code) return t(`comments.errors.${code}`)
    if (error.code === 'invalid_input' && error.field === 'body') return t('comments.errors.body')
  }
  return errorMessage(t, error)
}
