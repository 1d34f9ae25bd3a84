import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** Copies the page's address, the way to invite someone until sharing exists. */
export function CopyLinkButton() {
  const { t } = useTranslation()
  const [copied, setCopied] = useState(false)

  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 2500)
    return () => clearTimeout(timer)
  }, [copied])

  // The Clipboard API exists only in secure contexts (https:, localhost); the address bar remains.
  if (!navigator.clipboard) return null
  return (
    <span className="copy-link">
      <button
        type="button"
        className="button-quiet"
        onClick={() => {
          navigator.clipboard.writeText(window.location.href).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }}
      >
        {t('page.copyLink')}
      </button>
      <span className="copy-feedback" aria-live="polite">
        {copied ? t('page.linkCopied') : ''}
      </span>
    </span>
  )
}
