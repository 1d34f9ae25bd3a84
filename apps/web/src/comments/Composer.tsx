import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { commentError } from './commentError.ts'
import { MentionTextarea } from './MentionTextarea.tsx'
import { decodeMentions, encodeMentions, type Mentionable } from './mentions.ts'

interface ComposerProps {
  label: string
  placeholder: string
  submitLabel: string
  members: Mentionable[]
  /** A stored body to start from (editing a message). */
  initial?: string
  autoFocus?: boolean
  onSubmit: (body: string) => Promise<unknown>
  onCancel?: () => void
}

/** Writes one message: plain text with @mentions, sent with the button or Ctrl+Enter. */
export function Composer(props: ComposerProps) {
  const { t } = useTranslation()
  const start = decodeMentions(props.initial ?? '')
  const [text, setText] = useState(start.text)
  const [picked, setPicked] = useState<Mentionable[]>(start.picked)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event?: FormEvent) => {
    event?.preventDefault()
    if (busy || text.trim() === '') return
    setBusy(true)
    setError(null)
    try {
      await props.onSubmit(encodeMentions(text.trim(), picked))
      setText('')
      setPicked([])
    } catch (failure) {
      setError(commentError(t, failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="comment-composer" onSubmit={(event) => void submit(event)}>
      <MentionTextarea
        label={props.label}
        placeholder={props.placeholder}
        value={text}
        onChange={setText}
        picked={picked}
        onPick={(member) => setPicked((list) => [...list, member])}
        members={props.members}
        autoFocus={props.autoFocus}
        onSubmit={() => void submit()}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="comment-composer-actions">
        {props.onCancel && (
          <button type="button" className="button-quiet" onClick={props.onCancel}>
            {t('comments.cancel')}
          </button>
        )}
        <button type="submit" className="button-primary" disabled={busy || text.trim() === ''}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  )
}
