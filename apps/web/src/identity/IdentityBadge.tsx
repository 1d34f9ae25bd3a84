import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { NameForm } from './NameForm.tsx'
import { useIdentity } from './useIdentity.ts'

/** Shows who the user writes as, in their caret colour, and lets them change their name. */
export function IdentityBadge() {
  const { t } = useTranslation()
  const identity = useIdentity()
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const [editing, setEditing] = useState(false)

  useEffect(() => {
    if (editing && !dialog.current?.open) dialog.current?.showModal()
  }, [editing])

  if (identity === null) return null
  const close = () => dialog.current?.close()
  return (
    <div className="identity">
      <span className="visually-hidden">{t('identity.you')}</span>
      <span className="identity-name">
        <span className="identity-swatch" style={{ backgroundColor: identity.color }} aria-hidden="true" />
        {identity.name}
      </span>
      <button type="button" className="button-quiet" onClick={() => setEditing(true)}>
        {t('identity.change')}
      </button>
      {/* Escape, Cancel and Save all end in the dialog's close event. */}
      <dialog
        ref={dialog}
        className="card dialog"
        aria-labelledby={titleId}
        onClose={() => setEditing(false)}
      >
        <h2 id={titleId}>{t('identity.changeTitle')}</h2>
        {editing && (
          <NameForm
            initialName={identity.name}
            onSaved={close}
            onCancel={close}
            submitLabel="saveChange"
            autoFocus
          />
        )}
      </dialog>
    </div>
  )
}
