import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { pageIdFromName, pagePath, randomPageId } from './pageIds.ts'

/** Open a page by name, or start a new one with a random id. */
export function StartPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [name, setName] = useState('')
  const [showError, setShowError] = useState(false)
  const titleId = useId()
  const inputId = useId()
  const hintId = useId()
  const errorId = useId()

  useEffect(() => {
    document.title = t('app.name')
  }, [t])

  function open(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const pageId = pageIdFromName(name)
    if (pageId === '') {
      setShowError(true)
      return
    }
    void navigate(pagePath(pageId))
  }

  return (
    <section className="start" aria-labelledby={titleId}>
      <h1 id={titleId}>{t('start.title')}</h1>
      <p className="lead">{t('start.intro')}</p>
      <form className="card start-form" onSubmit={open} noValidate>
        <label htmlFor={inputId}>{t('start.nameLabel')}</label>
        <div className="inline-field">
          <input
            id={inputId}
            name="page"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={name}
            aria-invalid={showError}
            aria-describedby={showError ? `${errorId} ${hintId}` : hintId}
            onChange={(event) => {
              setName(event.target.value)
              if (showError) setShowError(false)
            }}
          />
          <button type="submit" className="button-primary">
            {t('start.open')}
          </button>
        </div>
        {showError && (
          <p id={errorId} className="field-error">
            {t('start.invalidName')}
          </p>
        )}
        <p id={hintId} className="hint">
          {t('start.nameHint')}
        </p>
        <p className="separator">{t('start.or')}</p>
        <button type="button" onClick={() => void navigate(pagePath(randomPageId()))}>
          {t('start.newPage')}
        </button>
      </form>
    </section>
  )
}
