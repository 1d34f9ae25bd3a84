import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { NameForm } from './NameForm.tsx'

/** Asked once, before the user first writes: their name goes on their caret. */
export function NamePrompt() {
  const { t } = useTranslation()
  const titleId = useId()
  return (
    <section className="card name-prompt" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('identity.promptTitle')}</h2>
      <p>{t('identity.promptIntro')}</p>
      <NameForm autoFocus />
    </section>
  )
}
