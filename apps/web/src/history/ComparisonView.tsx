/**
 * Two states of a page side by side in one reading: insertions and deletions in their author's
 * colour (the same colour as their caret), changed sections to jump to, title and property changes.
 * Long unchanged stretches are folded, so a 50,000-word page shows only what moved.
 */
import { type CompareBlock, isFolded, type PageComparison } from '@tisserand/api-types'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { colourForUser, distinctColours } from '../identity/identity.ts'

interface ComparisonViewProps {
  comparison: PageComparison
  /** Offered on changed sections when the reader may restore. */
  onRestoreSection?: (sectionKey: string) => void
}

export function ComparisonView({ comparison, onRestoreSection }: ComparisonViewProps) {
  const { t } = useTranslation()
  const baseId = useId()
  const changed = comparison.blocks.some((b) => !isFolded(b) && b.op !== 'same')
  const sectionAt = new Map(comparison.changedSections.map((s) => [s.index, s]))
  const show = (value: unknown) => (value === null || value === '' ? t('history.empty_value') : String(value))
  const colours = distinctColours(comparison.authors.map((person) => person.id))
  return (
    <div className="comparison">
      {comparison.authors.length > 0 && (
        <ul className="author-legend" aria-label={t('history.legend')}>
          {comparison.authors.map((person) => (
            <li key={person.id} style={{ '--author': colours.get(person.id) } as React.CSSProperties}>
              {person.name}
            </li>
          ))}
        </ul>
      )}
      {(comparison.title || comparison.properties.length > 0) && (
        <ul className="comparison-meta">
          {comparison.title && (
            <li>{t('history.titleChanged', { from: comparison.title.from, to: comparison.title.to })}</li>
          )}
          {comparison.properties.map((p) => (
            <li key={p.name}>
              {t('history.propertyChanged', { name: p.name, from: show(p.from), to: show(p.to) })}
            </li>
          ))}
        </ul>
      )}
      {comparison.changedSections.length > 0 && (
        <nav aria-label={t('history.changedSections')} className="changed-sections">
          <h3>{t('history.changedSections')}</h3>
          <ul>
            {comparison.changedSections.map((section) => (
              <li key={section.index}>
                <a href={`#${baseId}-${section.index}`}>{section.text || '—'}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {!changed && !comparison.title && comparison.properties.length === 0 && <p>{t('history.noChanges')}</p>}
      <div className="comparison-body">
        {keyed(comparison.blocks).map(({ item: block, key, index }) => {
          if (isFolded(block))
            return (
              <p key={key} className="comparison-folded">
                {t('history.unchanged', { count: block.count })}
              </p>
            )
          const section = sectionAt.get(index)
          return (
            <div key={key} id={`${baseId}-${index}`} className={`comparison-block is-${block.op}`}>
              <Block block={block} colours={colours} />
              {section?.sectionKey && onRestoreSection && (
                <button
                  type="button"
                  className="button-quiet"
                  onClick={() => onRestoreSection(section.sectionKey as string)}
                >
                  {t('history.restoreSection')}
                </button>
              )}
            </div>
          )
        })}
      </div>
    </div>
  )
}

function Block({ block, colours }: { block: CompareBlock; colours: ReadonlyMap<string, string> }) {
  const { t } = useTranslation()
  const content = keyed(block.segments).map(({ item: segment, key }) => {
    const style = segment.author
      ? ({
          '--author': colours.get(segment.author.id) ?? colourForUser(segment.author.id),
        } as React.CSSProperties)
      : undefined
    const who = segment.author?.name ?? t('history.someone')
    if (segment.op === 'insert')
      return (
        <ins key={key} style={style} title={t('history.inserted', { name: who })}>
          {segment.text}
        </ins>
      )
    if (segment.op === 'delete')
      return (
        <del key={key} style={style} title={t('history.deleted', { name: who })}>
          {segment.text}
        </del>
      )
    return <span key={key}>{segment.text}</span>
  })
  if (block.kind === 'heading') {
    const level = Math.min(6, Math.max(3, (block.level ?? 1) + 2))
    const Heading = `h${level}` as 'h3'
    return <Heading>{content}</Heading>
  }
  return <p>{content}</p>
}

/** Blocks and segments have no identity of their own: their place in the comparison is their key. */
function keyed<T>(items: readonly T[]): { item: T; key: string; index: number }[] {
  return items.map((item, index) => ({ item, key: `i${index}`, index }))
}
