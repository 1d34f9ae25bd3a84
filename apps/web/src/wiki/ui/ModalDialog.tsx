import { type ReactNode, useEffect, useId, useRef } from 'react'

/**
 * A native modal <dialog>: the browser traps focus, closes on Escape and returns focus to what
 * opened it. Rendered only while open, so its fields never clash with the page's own.
 */
export function ModalDialog({
  title,
  onClose,
  children,
  className = 'wiki-dialog',
}: {
  title: string
  onClose: () => void
  children: ReactNode
  /** Sizes the dialog (the wiki's small forms by default). */
  className?: string
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  return (
    <dialog ref={ref} className={`dialog card ${className}`} aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  )
}
