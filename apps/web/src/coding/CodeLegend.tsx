/**
 * The codes present on a page, each with its colour and how many passages carry it, under the
 * text. Pale colours get a visible outline, so no code is drawn invisible on the white sheet.
 */
import { useTranslation } from 'react-i18next'
import { codeNamer } from './codeNames.ts'
import type { TreeCode } from './codeTree.ts'
import { isPale } from './colours.ts'

export function CodeLegend({ codes, counts }: { codes: readonly TreeCode[]; counts: Map<string, number> }) {
  const { t } = useTranslation()
  const present = codes.filter((c) => counts.has(c.id))
  if (present.length === 0) return null
  const name = codeNamer(codes)
  return (
    <section className="code-legend" aria-label={t('coding.legend.label')}>
      <h2 className="code-legend-title">{t('coding.legend.label')}</h2>
      <ul>
        {present.map((code) => (
          <li key={code.id}>
            <span
              className={`code-swatch${isPale(code.shownColor) ? ' is-pale' : ''}`}
              style={{ background: code.shownColor }}
              aria-hidden="true"
            />
            {name(code)}
            <span className="typology-muted">
              {' '}
              · {t('coding.legend.count', { count: counts.get(code.id) ?? 0 })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
