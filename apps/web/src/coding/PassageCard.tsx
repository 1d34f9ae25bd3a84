/**
 * The card naming a coded passage's codes and who applied them, shown while the pointer is on the
 * passage or the caret is in it; editors and owners can change or remove each coding from it.
 */
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { TreeCode } from './codeTree.ts'
import type { PassageCoding } from './codingApi.ts'

export interface PassageCardProps {
  codings: PassageCoding[]
  codes: ReadonlyMap<string, TreeCode>
  rect: { left: number; top: number; bottom: number }
  canCode: boolean
  onChange: (coding: PassageCoding) => void
  onRemove: (coding: PassageCoding) => void
  onPointerEnter: () => void
  onPointerLeave: () => void
  /** The focus left the card for somewhere else than the editor. */
  onFocusLeave: () => void
  /** Below the codes: where the passage is quoted, and quoting it elsewhere. */
  footer?: ReactNode
}

export function PassageCard(props: PassageCardProps) {
  const { t, i18n } = useTranslation()
  const below = props.rect.bottom + 8
  const top = below + 180 > window.innerHeight ? Math.max(8, props.rect.top - 8 - 180) : below
  const left = Math.max(8, Math.min(window.innerWidth - 340, props.rect.left))
  return (
    <section
      className="passage-card"
      style={{ top, left }}
      aria-label={t('coding.card.label')}
      data-testid="passage-card"
      onMouseEnter={props.onPointerEnter}
      onMouseLeave={props.onPointerLeave}
      onBlur={(event) => {
        const next = event.relatedTarget as HTMLElement | null
        if (!next?.closest('.passage-card') && !next?.closest('.ProseMirror')) props.onFocusLeave()
      }}
    >
      <ul aria-live="polite">
        {props.codings.map((coding) => {
          const code = props.codes.get(coding.codeId)
          return (
            <li key={coding.id} className="passage-card-row">
              <span className="code-swatch" style={{ background: code?.shownColor }} aria-hidden="true" />
              <span className="passage-card-text">
                <span className="passage-card-code" title={code?.path.join(' › ')}>
                  {code?.label ?? t('coding.card.unknownCode')}
                </span>
                <span className="passage-card-by">
                  {code && code.path.length > 1 ? `${code.path[0]} · ` : ''}
                  {t('coding.card.by', {
                    name: coding.author.name,
                    date: new Date(coding.createdAt).toLocaleDateString(i18n.resolvedLanguage),
                  })}
                </span>
              </span>
              {props.canCode && (
                <span className="passage-card-actions">
                  <button
                    type="button"
                    className="button-quiet"
                    aria-label={t('coding.card.changeLabel', { code: code?.label ?? '' })}
                    onClick={() => props.onChange(coding)}
                  >
                    {t('coding.card.change')}
                  </button>
                  <button
                    type="button"
                    className="button-quiet"
                    aria-label={t('coding.card.removeLabel', { code: code?.label ?? '' })}
                    onClick={() => props.onRemove(coding)}
                  >
                    {t('coding.card.remove')}
                  </button>
                </span>
              )}
            </li>
          )
        })}
      </ul>
      {props.footer}
    </section>
  )
}
