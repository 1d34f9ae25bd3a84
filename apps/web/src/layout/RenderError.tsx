import { useTranslation } from 'react-i18next'

export function RenderError() {
  const { t } = useTranslation()
  return (
    <section className="card render-error" role="alert">
      <h2>{t('error.title')}</h2>
      <p>{t('error.body')}</p>
      <button type="button" className="button-primary" onClick={() => window.location.reload()}>
        {t('error.reload')}
      </button>
    </section>
  )
}
