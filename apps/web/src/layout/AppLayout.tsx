import { useTranslation } from 'react-i18next'
import { Link, Outlet, useLocation } from 'react-router'
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx'
import { IdentityBadge } from '../identity/IdentityBadge.tsx'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { RenderError } from './RenderError.tsx'

export function AppLayout() {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  return (
    <>
      <a className="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </Link>
        <div className="header-tools">
          <IdentityBadge />
          <LanguageSwitch />
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {/* Keyed by path: a failure on one page does not follow the user to the next. */}
        <ErrorBoundary key={pathname} fallback={<RenderError />}>
          <Outlet />
        </ErrorBoundary>
      </main>
    </>
  )
}
