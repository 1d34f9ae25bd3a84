import { useEffect, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate } from 'react-router'
import { accountApi } from '../api/endpoints.ts'
import { useSession } from '../session/SessionContext.tsx'
import { SignupForm } from './SignupForm.tsx'

/** /setup — first run: whoever opens the new instance first creates the owner account. */
export function SetupPage() {
  const { t } = useTranslation()
  const { state, signedIn } = useSession()
  const navigate = useNavigate()
  const titleId = useId()

  useEffect(() => {
    document.title = t('setup.documentTitle')
  }, [t])

  if (state.status === 'ready' && !state.setupNeeded) return <Navigate to="/" replace />
  return (
    <section className="auth-card card" aria-labelledby={titleId}>
      <h1 id={titleId}>{t('setup.title')}</h1>
      <p className="lead">{t('setup.intro')}</p>
      <SignupForm
        submitLabel={t('setup.submit')}
        onSubmit={async (account) => {
          const { user } = await accountApi.setup(account)
          signedIn(user)
          void navigate('/', { replace: true })
        }}
      />
    </section>
  )
}
