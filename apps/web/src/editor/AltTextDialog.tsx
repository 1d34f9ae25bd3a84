/** Edits the alt text of the selected image: what screen readers say, and what shows if it fails to load. */
import type { Editor } from '@tiptap/react'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ModalDialog } from '../wiki/ui/ModalDialog.tsx'

export function AltTextDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [alt, setAlt] = useState((editor.getAttributes('image').alt as string | undefined) ?? '')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    editor.chain().focus().updateAttributes('image', { alt: alt.trim() }).run()
    onClose()
  }
  return (
    <ModalDialog title={t('editor.image.altText')} onClose={onClose}>
      <form onSubmit={submit}>
        <label htmlFor={`${id}-alt`}>{t('editor.image.altText')}</label>
        <textarea
          id={`${id}-alt`}
          value={alt}
          rows={3}
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to type this text
          autoFocus
          aria-describedby={`${id}-help`}
          onChange={(event) => setAlt(event.target.value)}
        />
        <p id={`${id}-help`} className="hint">
          {t('editor.image.altHelp')}
        </p>
        <div className="form-actions">
          <button type="button" className="button-quiet" onClick={onClose}>
            {t('editor.image.cancel')}
          </button>
          <button type="submit" className="button-primary">
            {t('editor.image.save')}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
