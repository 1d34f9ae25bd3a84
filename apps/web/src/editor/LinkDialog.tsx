/** Adds, changes or removes the link on the selected text (Mod-K, the toolbar or the bubble). */
import type { Editor } from '@tiptap/react'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ModalDialog } from '../wiki/ui/ModalDialog.tsx'

const SAFE_LINK = /^(https?:\/\/|mailto:)\S+$/i

export function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const current = (editor.getAttributes('link').href as string | undefined) ?? ''
  const [url, setUrl] = useState(current)
  const [invalid, setInvalid] = useState(false)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const value = url.trim()
    const href = /^[\w.-]+\.[a-z]{2,}(\/\S*)?$/i.test(value) ? `https://${value}` : value
    if (!SAFE_LINK.test(href)) return setInvalid(true)
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run()
    onClose()
  }
  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onClose()
  }
  return (
    <ModalDialog title={t('editor.linkDialog.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <label htmlFor={`${id}-url`}>{t('editor.linkDialog.url')}</label>
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to type this address
          autoFocus
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(event) => {
            setUrl(event.target.value)
            setInvalid(false)
          }}
        />
        {invalid && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {t('editor.linkDialog.invalid')}
          </p>
        )}
        <div className="form-actions">
          {current && (
            <button type="button" className="button-quiet" onClick={remove}>
              {t('editor.linkDialog.remove')}
            </button>
          )}
          <button type="button" className="button-quiet" onClick={onClose}>
            {t('editor.linkDialog.cancel')}
          </button>
          <button type="submit" className="button-primary">
            {t('editor.linkDialog.apply')}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
