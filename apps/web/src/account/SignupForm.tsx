import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormAlert } from '../ui/FormAlert.tsx'
import { TextField } from '../ui/TextField.tsx'
import { useSubmit } from '../ui/useSubmit.ts'

export const minPasswordLength = 8

export interface NewAccount {
  name: string
  email: string
  password: string
}

/** Name, email and password of a new account: used by first-run setup and by invite sign-up. */
export function SignupForm({
  submitLabel,
  onSubmit,
}: {
  submitLabel: string
  onSubmit: (account: NewAccount) => Promise<void>
}) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const submission = useSubmit(['name', 'email', 'password'])
  const { fieldErrors } = submission

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const errors: Record<string, string> = {}
    if (name.trim() === '') errors.name = t('errors.field.name')
    if (email.trim() === '') errors.email = t('errors.field.email')
    if (password.length < minPasswordLength) errors.password = t('errors.field.password')
    if (Object.keys(errors).length > 0) {
      submission.setFieldErrors(errors)
      return
    }
    void submission.run(() => onSubmit({ name: name.trim(), email: email.trim(), password }))
  }

  return (
    <form className="stack-form" onSubmit={submit} noValidate>
      <FormAlert message={submission.formError} />
      <TextField
        label={t('account.name')}
        name="name"
        autoComplete="name"
        maxLength={100}
        required
        value={name}
        onChange={setName}
        error={fieldErrors.name}
      />
      <TextField
        label={t('account.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={setEmail}
        error={fieldErrors.email}
      />
      <TextField
        label={t('account.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        value={password}
        onChange={setPassword}
        error={fieldErrors.password}
        hint={t('account.passwordHint', { count: minPasswordLength })}
      />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={submission.pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  )
}
