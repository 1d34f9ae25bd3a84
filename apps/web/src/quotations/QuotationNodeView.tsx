/**
 * How a quotation shows in the editor: the source passage's current text, its case sheet's title
 * (a link opening the source at the passage) and its codes, followed live. A source edited since
 * says so and shows the quoted wording on demand; a source gone keeps its last text and says so;
 * a quotation naming no passage of this workspace is an error block that shows nothing else.
 */
import { type NodeViewProps, NodeViewWrapper } from '@tiptap/react'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { usePageQuotations } from './QuotationsContext.tsx'
import { passageHref } from './quotationsApi.ts'
import './quotations.css'

export function QuotationNodeView({ node, selected }: NodeViewProps) {
  const { t } = useTranslation()
  const quotations = usePageQuotations()
  const codingId = typeof node.attrs.codingId === 'string' ? node.attrs.codingId : ''
  const quotation = quotations?.byCoding.get(codingId)
  const [showQuoted, setShowQuoted] = useState(false)
  const quotedId = useId()
  const reload = quotations?.reload
  const missing = quotations?.loaded === true && !quotation

  // Just inserted: the server derives the page within a second or two and says so on the stream;
  // ask again meanwhile in case that event came before this view was there.
  useEffect(() => {
    if (!missing || !reload) return
    const timer = window.setTimeout(reload, 1500)
    return () => window.clearTimeout(timer)
  }, [missing, reload])

  const className = `quotation${selected ? ' is-selected' : ''}`
  if (!quotation)
    return (
      <NodeViewWrapper className={`${className} is-loading`} data-testid="quotation" contentEditable={false}>
        <p className="quotation-note">{t('quotations.loading')}</p>
      </NodeViewWrapper>
    )
  if (quotation.text === null)
    return (
      <NodeViewWrapper
        className={`${className} is-error`}
        data-testid="quotation"
        data-status="error"
        contentEditable={false}
      >
        <p className="quotation-note" role="note">
          {t('quotations.unknown')}
        </p>
      </NodeViewWrapper>
    )
  return (
    <NodeViewWrapper
      className={`${className} is-${quotation.status}`}
      data-testid="quotation"
      data-status={quotation.status}
      contentEditable={false}
    >
      <figure>
        <blockquote className="quotation-text">{quotation.text}</blockquote>
        <figcaption className="quotation-source">
          {quotation.sourcePageId && quotation.sourceTitle ? (
            <Link to={passageHref(quotation.sourcePageId, codingId)} className="quotation-link">
              {t('quotations.from', { title: quotation.sourceTitle })}
            </Link>
          ) : (
            <span className="quotation-link is-gone">{t('quotations.sourceGone')}</span>
          )}
          {quotation.codes.length > 0 && (
            <span className="quotation-codes">
              {quotation.codes.map((code) => (
                <span key={code.id} className="quotation-code">
                  {code.label}
                </span>
              ))}
            </span>
          )}
        </figcaption>
      </figure>
      {quotation.status === 'changed' && (
        <p className="quotation-note">
          <span>{t('quotations.changed')}</span>{' '}
          <button
            type="button"
            className="button-quiet"
            aria-expanded={showQuoted}
            aria-controls={quotedId}
            onClick={() => setShowQuoted((on) => !on)}
          >
            {showQuoted ? t('quotations.hideQuoted') : t('quotations.showQuoted')}
          </button>
        </p>
      )}
      {quotation.status === 'changed' && showQuoted && (
        <blockquote id={quotedId} className="quotation-previous">
          {quotation.quotedText}
        </blockquote>
      )}
      {quotation.status === 'source-removed' && (
        <p className="quotation-note" role="note">
          {t('quotations.removed')}
        </p>
      )}
    </NodeViewWrapper>
  )
}
