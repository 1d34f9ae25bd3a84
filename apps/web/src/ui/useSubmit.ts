import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client.ts'
import { errorMessage } from '../api/errorMessage.ts'

export interface Submission {
  pending: boolean
  /** A refusal not tied to one of the form's fields. */
  formError: string | null
  /** Field name → message, from the client's own checks or the server's `field`. */
  fieldErrors: Record<string, string>
  setFieldErrors: (errors: Record<string, string>) => void
  run: (action: () => Promise<void>) => Promise<void>
  clear: () => void
}

/**
 * Runs a form's API call and turns its failure into translated messages: on the field the server
 * named when the form has it, else at the top of the form.
 */
export function useSubmit(fields: readonly string[] = []): Submission {
  const { t } = useTranslation()
  const [pending, setPending] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})

  async function run(action: () => Promise<void>) {
    setPending(true)
    setFormError(null)
    setFieldErrors({})
    try {
      await action()
    } catch (error) {
      const message = errorMessage(t, error)
      if (error instanceof ApiError && error.field && fields.includes(error.field))
        setFieldErrors({ [error.field]: message })
      else setFormError(message)
    } finally {
      setPending(false)
    }
  }

  return {
    pending,
    formError,
    fieldErrors,
    setFieldErrors,
    run,
    clear: () => {
      setFormError(null)
      setFieldErrors({})
    },
  }
}
