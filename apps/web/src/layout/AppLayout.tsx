import { useTranslation } from 'react-i18next'
import { Link, Outlet, useLocation } from 'react-router'
import { NotificationInbox } from '../comments/NotificationInbox.tsx'
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx'
import { OfflineIndicator } from '../offline/OfflineIndicator.tsx'
import { OfflineNotices } from '../offline/OfflineNotices.tsx'
import { useSession } from '../session/SessionContext.tsx'
import { WorkspaceSwitcher } from '../workspace/WorkspaceSwitcher.tsx'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { RenderError } from './RenderError.tsx'
import { UserMenu } from './UserMenu.tsx'

export function AppLayout() {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  const { state, retry } = useSession()
  return (
    <>
      <a className="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="header-start">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </Link>
          <WorkspaceSwitcher />
        </div>
        <div className="header-tools">
          <OfflineIndicator />
          <NotificationInbox />
          <UserMenu />
          <LanguageSwitch />
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        <OfflineNotices />
        {state.status === 'failed' ? (
          <section className="card render-error" role="alert">
            <h2>{t('session.failedTitle')}</h2>
            <p>{t('session.failedBody')}</p>
            <button type="button" className="button-primary" onClick={retry}>
              {t('session.retry')}
            </button>
          </section>
        ) : state.status === 'loading' ? (
          <p className="narrow-page" aria-busy="true">
            {t('common.loading')}
          </p>
        ) : (
          // Keyed by path: a failure on one page does not follow the user to the next.
          <ErrorBoundary key={pathname} fallback={<RenderError />}>
            <Outlet />
          </ErrorBoundary>
        )}
      </main>
    </>
  )
}
