import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'

/** Nothing at this address: an unknown route, or a page that does not exist (or no longer). */
export function NotFound({ page = false }: { page?: boolean }) {
  const { t } = useTranslation()
  useEffect(() => {
    document.title = t('notFound.documentTitle')
  }, [t])
  return (
    <section className="narrow-page not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p className="lead">{page ? t('notFound.pageBody') : t('notFound.body')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </section>
  )
}
