/**
 * The account menu: the signed-in user (in their caret colour) opens a short menu with their
 * account, their API tokens and sign-out. A disclosure (button + list), closed by Escape, by a
 * click elsewhere, or by choosing an entry. Signing out with changes not yet sent asks first.
 */
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { colourForUser, initials } from '../identity/identity.ts'
import { SignOutDialog, useSignOutGuard } from '../offline/SignOutDialog.tsx'
import { useSession } from '../session/SessionContext.tsx'

export function UserMenu() {
  const { t } = useTranslation()
  const { state, signOut } = useSession()
  const guard = useSignOutGuard(signOut)
  const [open, setOpen] = useState(false)
  const id = useId()
  const root = useRef<HTMLElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const { pathname } = useLocation()
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new route closes the menu
  useEffect(() => setOpen(false), [pathname])
  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      button.current?.focus()
    }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])
  const user = state.status === 'ready' ? state.user : null
  if (!user) return null
  return (
    <nav className="identity" aria-label={t('nav.account')} ref={root}>
      <button
        ref={button}
        type="button"
        className="identity-button"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => setOpen((value) => !value)}
      >
        <span
          className="identity-avatar"
          style={{ backgroundColor: colourForUser(user.id) }}
          aria-hidden="true"
        >
          {initials(user.name)}
        </span>
        <span className="visually-hidden">{t('nav.signedInAs')} </span>
        <span className="identity-label">{user.name}</span>
      </button>
      <ul id={`${id}-menu`} className="identity-menu" hidden={!open}>
        <li>
          <Link to="/account">{t('nav.accountPage')}</Link>
        </li>
        <li>
          <Link to="/account/tokens">{t('nav.tokens')}</Link>
        </li>
        <li>
          <button type="button" className="button-quiet" onClick={guard.request}>
            {t('nav.signOut')}
          </button>
        </li>
      </ul>
      {guard.asking && <SignOutDialog onCancel={guard.cancel} signOut={signOut} />}
    </nav>
  )
}
