import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { cleanName, maxNameLength, saveName } from './identity.ts'

interface NameFormProps {
  initialName?: string
  onSaved?: () => void
  onCancel?: () => void
  autoFocus?: boolean
  /** "Continue" the first time, "Save" when changing an existing name. */
  submitLabel?: 'save' | 'saveChange'
}

/** The one form that sets the user's name, used by the first prompt and by "change name". */
export function NameForm({
  initialName = '',
  onSaved,
  onCancel,
  autoFocus = false,
  submitLabel = 'save',
}: NameFormProps) {
  const { t } = useTranslation()
  const [name, setName] = useState(initialName)
  const [showError, setShowError] = useState(false)
  const inputId = useId()
  const errorId = useId()

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (cleanName(name) === '') {
      setShowError(true)
      return
    }
    saveName(name)
    onSaved?.()
  }

  return (
    <form className="name-form" onSubmit={submit} noValidate>
      <label htmlFor={inputId}>{t('identity.nameLabel')}</label>
      <input
        id={inputId}
        name="name"
        type="text"
        autoComplete="name"
        maxLength={maxNameLength}
        required
        // biome-ignore lint/a11y/noAutofocus: the form is the only thing the user can do at that moment
        autoFocus={autoFocus}
        value={name}
        aria-invalid={showError}
        aria-describedby={showError ? errorId : undefined}
        onChange={(event) => {
          setName(event.target.value)
          if (showError) setShowError(false)
        }}
      />
      {showError && (
        <p id={errorId} className="field-error">
          {t('identity.nameRequired')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button-primary">
          {t(`identity.${submitLabel}`)}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('identity.cancel')}
          </button>
        )}
      </div>
    </form>
  )
}
