/**
 * On narrow screens the sidebar (search, tree, trash) is a drawer: a "Pages" button above the
 * content opens it, Escape, the close button or opening a page closes it. On wide screens the
 * button is hidden and the sidebar stays in place (wiki.css).
 */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'react-router'

export function SidebarDrawer({
  children,
}: {
  children: (props: { id: string; open: boolean }) => ReactNode
}) {
  const { t } = useTranslation()
  const id = useId()
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const { pathname } = useLocation()
  // biome-ignore lint/correctness/useExhaustiveDependencies: opening a page closes the drawer
  useEffect(() => setOpen(false), [pathname])
  useEffect(() => {
    if (!open) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      button.current?.focus()
    }
    document.addEventListener('keydown', onKey)
    // Focus the first field of the drawer, so keyboard users land in it.
    document.getElementById(id)?.querySelector<HTMLElement>('input, button, a')?.focus()
    return () => document.removeEventListener('keydown', onKey)
  }, [open, id])
  return (
    <>
      <div className="wiki-mobile-bar">
        <button
          ref={button}
          type="button"
          className="wiki-menu-button"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen((value) => !value)}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18">
            <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          {t('nav.menu')}
        </button>
      </div>
      {open && (
        <button
          type="button"
          className="wiki-drawer-backdrop"
          aria-label={t('nav.closeMenu')}
          tabIndex={-1}
          onClick={() => setOpen(false)}
        />
      )}
      {children({ id, open })}
    </>
  )
}
