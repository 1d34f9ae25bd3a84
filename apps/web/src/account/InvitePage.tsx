import { useEffect, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { inviteApi } from '../api/endpoints.ts'
import { errorMessage } from '../api/errorMessage.ts'
import { useResource } from '../api/useResource.ts'
import { useSession } from '../session/SessionContext.tsx'
import { FormAlert } from '../ui/FormAlert.tsx'
import { formatDate } from '../ui/formatDate.ts'
import { useSubmit } from '../ui/useSubmit.ts'
import { SignupForm } from './SignupForm.tsx'

/**
 * /invite/:token — says which workspace and role the link grants; a newcomer creates their
 * account here, someone signed in joins with one click.
 */
export function InvitePage() {
  const { token = '' } = useParams()
  const { t, i18n } = useTranslation()
  const { state, signedIn, reloadWorkspaces } = useSession()
  const navigate = useNavigate()
  const invite = useResource(() => inviteApi.read(token), [token])
  const accepting = useSubmit()
  const titleId = useId()

  useEffect(() => {
    document.title = t('invite.documentTitle')
  }, [t])

  const user = state.status === 'ready' ? state.user : null

  async function joined(workspaceId: string) {
    await reloadWorkspaces()
    void navigate(`/w/${encodeURIComponent(workspaceId)}`, { replace: true })
  }

  let body: React.ReactNode
  if (invite.loading && !invite.data) body = <p aria-busy="true">{t('common.loading')}</p>
  else if (invite.error || !invite.data)
    body = (
      <p className="banner banner-denied" role="alert">
        {errorMessage(t, invite.error)}
      </p>
    )
  else {
    const { workspaceName, role, expiresAt } = invite.data
    body = (
      <>
        <p className="lead">{t('invite.intro', { workspace: workspaceName, role: t(`roles.${role}`) })}</p>
        <p className="hint">{t('invite.expires', { date: formatDate(expiresAt, i18n.language) })}</p>
        <p className="role-help">{t(`roleHelp.${role}`)}</p>
        {user ? (
          <div className="stack-form">
            <FormAlert message={accepting.formError} />
            <p>{t('invite.signedInAs', { name: user.name, email: user.email })}</p>
            <div className="form-actions">
              <button
                type="button"
                className="button-primary"
                disabled={accepting.pending}
                onClick={() =>
                  void accepting.run(async () => {
                    const { workspaceId } = await inviteApi.accept(token)
                    await joined(workspaceId)
                  })
                }
              >
                {t('invite.accept')}
              </button>
            </div>
          </div>
        ) : (
          <>
            <h2 className="section-title">{t('invite.signupTitle')}</h2>
            <SignupForm
              submitLabel={t('invite.signup')}
              onSubmit={async (account) => {
                const result = await inviteApi.signup(token, account)
                signedIn(result.user)
                await joined(result.workspaceId)
              }}
            />
            <p className="hint">
              {t('invite.haveAccount')}{' '}
              <Link to={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}>
                {t('invite.signInFirst')}
              </Link>
            </p>
          </>
        )}
      </>
    )
  }

  return (
    <section className="auth-card card" aria-labelledby={titleId}>
      <h1 id={titleId}>{t('invite.title')}</h1>
      {body}
    </section>
  )
}
