import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useLocation, useNavigate } from 'react-router'
import { accountApi } from '../api/endpoints.ts'
import { nextPath } from '../session/RequireUser.tsx'
import { useSession } from '../session/SessionContext.tsx'
import { FormAlert } from '../ui/FormAlert.tsx'
import { TextField } from '../ui/TextField.tsx'
import { useSubmit } from '../ui/useSubmit.ts'

/** /login?next=… — email and password; back to where the user was going. */
export function LoginPage() {
  const { t } = useTranslation()
  const { state, signedIn } = useSession()
  const navigate = useNavigate()
  const { search } = useLocation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const submission = useSubmit()
  const titleId = useId()

  useEffect(() => {
    document.title = t('login.documentTitle')
  }, [t])

  if (state.status === 'ready' && state.setupNeeded) return <Navigate to="/setup" replace />
  if (state.status === 'ready' && state.user) return <Navigate to={nextPath(search)} replace />

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const errors: Record<string, string> = {}
    if (email.trim() === '') errors.email = t('errors.field.email')
    if (password === '') errors.password = t('errors.field.passwordRequired')
    if (Object.keys(errors).length > 0) {
      submission.setFieldErrors(errors)
      return
    }
    void submission.run(async () => {
      const { user } = await accountApi.login({ email: email.trim(), password })
      signedIn(user)
      void navigate(nextPath(search), { replace: true })
    })
  }

  return (
    <section className="auth-card card" aria-labelledby={titleId}>
      <h1 id={titleId}>{t('login.title')}</h1>
      <form className="stack-form" onSubmit={submit} noValidate>
        <FormAlert message={submission.formError} />
        <TextField
          label={t('account.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
          error={submission.fieldErrors.email}
        />
        <TextField
          label={t('account.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          error={submission.fieldErrors.password}
        />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={submission.pending}>
            {t('login.submit')}
          </button>
        </div>
      </form>
      <p className="hint">{t('login.noAccount')}</p>
    </section>
  )
}
