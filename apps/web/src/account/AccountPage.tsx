import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { accountApi } from '../api/endpoints.ts'
import { colourForUser } from '../identity/identity.ts'
import { useUser } from '../session/SessionContext.tsx'
import { FormAlert } from '../ui/FormAlert.tsx'
import { TextField } from '../ui/TextField.tsx'
import { useSubmit } from '../ui/useSubmit.ts'
import { minPasswordLength } from './SignupForm.tsx'

/** /account — who the user is, and a new password. */
export function AccountPage() {
  const { t } = useTranslation()
  const user = useUser()
  const titleId = useId()

  useEffect(() => {
    document.title = t('account.documentTitle')
  }, [t])

  return (
    <section className="narrow-page" aria-labelledby={titleId}>
      <h1 id={titleId}>{t('account.title')}</h1>
      <dl className="facts card">
        <div>
          <dt>{t('account.name')}</dt>
          <dd>
            <span
              className="identity-swatch"
              style={{ backgroundColor: colourForUser(user.id) }}
              aria-hidden="true"
            />{' '}
            {user.name}
          </dd>
        </div>
        <div>
          <dt>{t('account.email')}</dt>
          <dd>{user.email}</dd>
        </div>
      </dl>
      <p>
        <Link to="/account/tokens">{t('tokens.link')}</Link>
      </p>
      <ChangePasswordForm />
    </section>
  )
}

function ChangePasswordForm() {
  const { t } = useTranslation()
  const [currentPassword, setCurrent] = useState('')
  const [newPassword, setNew] = useState('')
  const [done, setDone] = useState(false)
  const submission = useSubmit(['currentPassword', 'newPassword'])
  const titleId = useId()

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setDone(false)
    const errors: Record<string, string> = {}
    if (currentPassword === '') errors.currentPassword = t('errors.field.passwordRequired')
    if (newPassword.length < minPasswordLength) errors.newPassword = t('errors.field.password')
    if (Object.keys(errors).length > 0) {
      submission.setFieldErrors(errors)
      return
    }
    void submission.run(async () => {
      await accountApi.changePassword({ currentPassword, newPassword })
      setCurrent('')
      setNew('')
      setDone(true)
    })
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('password.title')}
      </h2>
      <form className="stack-form" onSubmit={submit} noValidate>
        <FormAlert message={submission.formError} />
        <TextField
          label={t('password.current')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrent}
          error={submission.fieldErrors.currentPassword}
        />
        <TextField
          label={t('password.new')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={setNew}
          error={submission.fieldErrors.newPassword}
          hint={t('password.newHint', { count: minPasswordLength })}
        />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={submission.pending}>
            {t('password.submit')}
          </button>
        </div>
        <p className="form-success" role="status">
          {done ? t('password.done') : ''}
        </p>
      </form>
    </section>
  )
}
