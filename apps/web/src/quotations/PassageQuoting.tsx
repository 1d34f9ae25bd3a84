/**
 * On a coded passage's card: where the passage is quoted ("Cité dans « Synthèse », § 3") and
 * "Citer dans…", which picks the page to quote it in.
 */
import { useTranslation } from 'react-i18next'
import { citedInLabel } from './CitedInPanel.tsx'
import type { CitedIn } from './quotationsApi.ts'

export function PassageQuoting({
  codingIds,
  citedIn,
  onCiteIn,
  onMemo,
}: {
  codingIds: string[]
  citedIn: CitedIn[]
  onCiteIn: (codingId: string) => void
  /** Writing a memo on the passage (for those who may create pages). */
  onMemo?: (codingId: string) => void
}) {
  const { t } = useTranslation()
  const places = citedIn.filter((c) => c.codingIds.some((id) => codingIds.includes(id)))
  const first = codingIds[0]
  return (
    <div className="passage-card-quoting">
      {places.length > 0 && (
        <p className="passage-card-cited" data-testid="passage-cited-in">
          {t('quotations.citedIn.card', { places: places.map((p) => citedInLabel(t, p)).join(' ; ') })}
        </p>
      )}
      {first && (
        <button
          type="button"
          className="button-quiet"
          aria-label={t('quotations.citeIn.actionLabel')}
          onClick={() => onCiteIn(first)}
        >
          {t('quotations.citeIn.action')}
        </button>
      )}
      {first && onMemo && (
        <button type="button" className="button-quiet" onClick={() => onMemo(first)}>
          {t('quotations.memos.onThisPassage')}
        </button>
      )}
    </div>
  )
}
