import { useTranslation } from 'react-i18next'

/** Said plainly when a page cannot be shown without a network (it is not kept on this device). */
export function NotOnDevice({ bodyOnly = false }: { bodyOnly?: boolean }) {
  const { t } = useTranslation()
  return (
    <section className="card not-on-device" role="alert" data-testid="not-on-device">
      <h2>{t('offline.notOnDevice.title')}</h2>
      <p>{bodyOnly ? t('offline.notOnDevice.bodyOnly') : t('offline.notOnDevice.body')}</p>
      <p className="hint">{t('offline.notOnDevice.hint')}</p>
    </section>
  )
}
