/**
 * Signing out erases this device's copy, so it first checks what has not reached the server.
 * Nothing waiting: signs out at once. Otherwise it says what would be lost; online, it signs out
 * by itself as soon as everything is sent; the copy is erased before that only on the explicit
 * "Se déconnecter et effacer".
 */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ModalDialog } from '../wiki/ui/ModalDialog.tsx'
import { useOnline, useUnsent } from './useOffline.ts'
import './offline.css'

export function useSignOutGuard(signOut: () => Promise<void>) {
  const unsent = useUnsent()
  const [asking, setAsking] = useState(false)
  const blocking = unsent.edits + unsent.pendingActions.length + unsent.refusedActions.length
  return {
    asking,
    request: () => {
      if (blocking === 0) void signOut()
      else setAsking(true)
    },
    cancel: () => setAsking(false),
  }
}

export function SignOutDialog({ onCancel, signOut }: { onCancel: () => void; signOut: () => Promise<void> }) {
  const { t } = useTranslation()
  const online = useOnline()
  const unsent = useUnsent()
  const [leaving, setLeaving] = useState(false)
  const nothingLeft =
    unsent.edits === 0 && unsent.pendingActions.length === 0 && unsent.refusedActions.length === 0

  // Everything went out meanwhile: sign out as asked.
  useEffect(() => {
    if (!nothingLeft || leaving) return
    setLeaving(true)
    void signOut()
  }, [nothingLeft, leaving, signOut])

  return (
    <ModalDialog title={t('offline.signOut.title')} onClose={onCancel}>
      <div className="sign-out-warning" data-testid="sign-out-warning">
        {unsent.edits > 0 && <p>{t('offline.signOut.bodyEdits', { count: unsent.edits })}</p>}
        {unsent.pendingActions.length > 0 && (
          <p>{t('offline.signOut.bodyActions', { count: unsent.pendingActions.length })}</p>
        )}
        {unsent.refusedActions.length > 0 && (
          <p>{t('offline.signOut.bodyRefused', { count: unsent.refusedActions.length })}</p>
        )}
        <p>
          <strong>{t('offline.signOut.consequence')}</strong>
        </p>
        <p className="hint" role="status">
          {leaving
            ? t('offline.signOut.signingOut')
            : online && unsent.refusedActions.length === 0
              ? t('offline.signOut.sending')
              : online
                ? ''
                : t('offline.signOut.offline')}
        </p>
      </div>
      <div className="form-actions">
        <button type="button" className="button-primary" onClick={onCancel} disabled={leaving}>
          {t('offline.signOut.wait')}
        </button>
        <button
          type="button"
          className="button-danger"
          disabled={leaving}
          onClick={() => {
            setLeaving(true)
            void signOut()
          }}
        >
          {t('offline.signOut.confirm')}
        </button>
      </div>
    </ModalDialog>
  )
}
