import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { colourForUser } from '../identity/identity.ts'
import { SignOutDialog, useSignOutGuard } from '../offline/SignOutDialog.tsx'
import { useSession } from '../session/SessionContext.tsx'

/** The signed-in user (in their caret colour), their account, and sign-out. */
export function UserMenu() {
  const { t } = useTranslation()
  const { state, signOut } = useSession()
  const guard = useSignOutGuard(signOut)
  const user = state.status === 'ready' ? state.user : null
  if (!user) return null
  return (
    <nav className="identity" aria-label={t('nav.account')}>
      <Link to="/account" className="identity-name">
        <span
          className="identity-swatch"
          style={{ backgroundColor: colourForUser(user.id) }}
          aria-hidden="true"
        />
        <span className="visually-hidden">{t('nav.signedInAs')} </span>
        {user.name}
      </Link>
      <Link to="/account/tokens" className="header-link">
        {t('nav.tokens')}
      </Link>
      <button type="button" className="button-quiet" onClick={guard.request}>
        {t('nav.signOut')}
      </button>
      {guard.asking && <SignOutDialog onCancel={guard.cancel} signOut={signOut} />}
    </nav>
  )
}
