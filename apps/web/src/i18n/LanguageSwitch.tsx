import { useTranslation } from 'react-i18next'
import { languages, setLanguage } from './index.ts'

/** Two toggle buttons, each labelled in its own language so that anyone can find theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form fieldset
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.resolvedLanguage === language}
          onClick={() => setLanguage(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  )
}
