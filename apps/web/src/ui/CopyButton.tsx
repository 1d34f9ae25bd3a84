import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** Copies `text`; says so politely. Hidden where the Clipboard API is missing (plain http:). */
export function CopyButton({ text, label, quiet }: { text: string; label?: string; quiet?: boolean }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState(false)

  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 2500)
    return () => clearTimeout(timer)
  }, [copied])

  if (!navigator.clipboard) return null
  return (
    <span className="copy-link">
      <button
        type="button"
        className={quiet ? 'button-quiet' : undefined}
        onClick={() => {
          navigator.clipboard.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }}
      >
        {label ?? t('common.copy')}
      </button>
      <span className="copy-feedback" aria-live="polite">
        {copied ? t('common.copied') : ''}
      </span>
    </span>
  )
}
