/**
 * Code co-occurrence: a code × code grid grouped by dimension, each cell the number of cases (or
 * overlapping passages) where the two codes meet, tinted by that number. A real table: headers on
 * both axes, one focusable cell at a time (arrow keys move, Enter opens where the codes meet).
 */
import { Fragment, type KeyboardEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { codeNamer } from '../coding/codeNames.ts'
import { heat, type MeetMode, pairCounts } from './cooccurrence.ts'
import type { Cooccurrence, MatrixCode } from './typologyApi.ts'
import './cooccurrence.css'

export function CooccurrenceView(props: {
  workspaceId: string
  codes: MatrixCode[]
  pairs: Cooccurrence[]
  mode: MeetMode
  onModeChange: (mode: MeetMode) => void
  onOpen: (a: string, b: string) => void
  /** The pair whose meetings are shown. */
  open?: { a: string; b: string } | null
}) {
  const { t } = useTranslation()
  const counts = pairCounts(props.pairs, props.mode)
  const dimensions = props.codes.filter((c) => c.depth === 0)
  const name = codeNamer(props.codes)
  const inDimension = (id: string) => props.codes.filter((c) => c.dimensionId === id && c.depth > 0)
  const axis = dimensions.flatMap((d) => inDimension(d.id))
  const max = Math.max(0, ...counts.values())
  const [focus, setFocus] = useState<[number, number]>([0, 1])
  const table = useRef<HTMLTableElement>(null)
  const codeHref = (id: string) =>
    `/w/${encodeURIComponent(props.workspaceId)}/codes/${encodeURIComponent(id)}`

  const move = (event: KeyboardEvent, row: number, col: number) => {
    const steps: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    }
    let next: [number, number] | null = null
    let step = steps[event.key]
    if (step) next = [row + step[0], col + step[1]]
    if (event.key === 'Home')
      [next, step] = [
        [row, 0],
        [0, 1],
      ]
    if (event.key === 'End')
      [next, step] = [
        [row, axis.length - 1],
        [0, -1],
      ]
    if (!next || !step) return
    event.preventDefault()
    // The diagonal (a code with itself) has no button: step over it.
    if (next[0] === next[1]) next = [next[0] + step[0], next[1] + step[1]]
    const [r, c] = next
    if (r < 0 || c < 0 || r >= axis.length || c >= axis.length) return
    setFocus([r, c])
    table.current?.querySelector<HTMLElement>(`[data-cell="${r} ${c}"]`)?.focus()
  }

  if (axis.length < 2) return <p>{t('typology.cooccurrence.noCodes')}</p>
  return (
    <div className="typology-cooccurrence">
      <fieldset className="cooccurrence-mode">
        <legend>{t('typology.cooccurrence.modeLabel')}</legend>
        {(['case', 'passage'] as const).map((mode) => (
          <label key={mode}>
            <input
              type="radio"
              name="cooccurrence-mode"
              checked={props.mode === mode}
              onChange={() => props.onModeChange(mode)}
            />{' '}
            {t(`typology.cooccurrence.mode.${mode}`)}
          </label>
        ))}
      </fieldset>
      <p className="typology-muted">{t(`typology.cooccurrence.legend.${props.mode}`)}</p>
      <div className="typology-matrix-scroll">
        <table className="cooccurrence-grid" ref={table}>
          <caption>{t(`typology.cooccurrence.caption.${props.mode}`)}</caption>
          <thead>
            <tr>
              <td rowSpan={2} />
              {dimensions.map((d) =>
                inDimension(d.id).length > 0 ? (
                  <th
                    key={d.id}
                    colSpan={inDimension(d.id).length}
                    scope="colgroup"
                    className="dimension"
                    title={d.label}
                  >
                    <span className="swatch" style={{ background: d.color ?? '#888' }} />
                    {d.label}
                  </th>
                ) : null,
              )}
            </tr>
            <tr>
              {axis.map((c) => (
                <th key={c.id} scope="col" className="col-code" title={c.path.join(' / ')}>
                  <span className="col-label">
                    <span className="swatch" style={{ background: c.color ?? '#888' }} />
                    {name(c)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dimensions.map((d) => (
              <Fragment key={d.id}>
                {inDimension(d.id).length > 0 && (
                  <tr className="dimension-row">
                    <th scope="rowgroup" colSpan={axis.length + 1}>
                      <span className="swatch" style={{ background: d.color ?? '#888' }} />
                      {d.label}
                    </th>
                  </tr>
                )}
                {inDimension(d.id).map((rowCode) => {
                  const row = axis.indexOf(rowCode)
                  return (
                    <tr key={rowCode.id}>
                      <th scope="row" className="row-code" title={rowCode.path.join(' / ')}>
                        <span className="swatch" style={{ background: rowCode.color ?? '#888' }} />
                        <Link
                          to={codeHref(rowCode.id)}
                          style={{ paddingLeft: `${(rowCode.depth - 1) * 0.75}rem` }}
                        >
                          {name(rowCode)}
                        </Link>
                      </th>
                      {axis.map((colCode, col) => {
                        if (colCode.id === rowCode.id)
                          return (
                            <td
                              key={colCode.id}
                              className="self"
                              aria-label={t('typology.cooccurrence.self')}
                            >
                              <span aria-hidden="true">—</span>
                            </td>
                          )
                        const count = counts.get(`${rowCode.id} ${colCode.id}`) ?? 0
                        const tint = heat(count, max)
                        const focused = focus[0] === row && focus[1] === col
                        const isOpen = props.open?.a === rowCode.id && props.open.b === colCode.id
                        return (
                          <td key={colCode.id} className={count === 0 ? 'zero' : undefined}>
                            <button
                              type="button"
                              className={isOpen ? 'cell is-open' : 'cell'}
                              aria-expanded={isOpen}
                              data-cell={`${row} ${col}`}
                              data-testid={`cooc-${rowCode.id}-${colCode.id}`}
                              tabIndex={focused ? 0 : -1}
                              style={tint}
                              aria-label={t(`typology.cooccurrence.cellLabel.${props.mode}`, {
                                count,
                                a: name(rowCode),
                                b: name(colCode),
                              })}
                              onFocus={() => setFocus([row, col])}
                              onKeyDown={(event) => move(event, row, col)}
                              onClick={() => props.onOpen(rowCode.id, colCode.id)}
                            >
                              {/* Zeros stay out of sight (the name still says 0): the meetings stand out. */}
                              {count > 0 ? count : ''}
                            </button>
                          </td>
                        )
                      })}
                    </tr>
                  )
                })}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <p className="typology-muted">{t('typology.cooccurrence.keys')}</p>
    </div>
  )
}
