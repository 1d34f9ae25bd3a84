/** Refusals and warnings of an import. A refusal is an ApiError: the request creates nothing. */
import { ApiError, type ErrorStatus } from '../../errors.ts'

/** Something the person importing should know: a comment not imported, an image not fetched. */
export type { ImportWarning } from '@tisserand/api-types'

export class ImportRefused extends ApiError {
  constructor(
    status: ErrorStatus,
    code: 'invalid_file' | 'unsupported_file' | 'payload_too_large',
    message: string,
  ) {
    super(status, code, message, 'file')
  }
}
