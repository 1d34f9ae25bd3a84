/** The cross-case matrix: cases × codes grouped by dimension; a cell opens its excerpts. */
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { codeNamer } from '../coding/codeNames.ts'
import type { Matrix } from './typologyApi.ts'

export function MatrixView(props: {
  workspaceId: string
  matrix: Matrix
  onOpen: (codeId: string, pageId: string) => void
}) {
  const { t } = useTranslation()
  const { cases, codes, cells } = props.matrix
  const byKey = new Map(cells.map((c) => [`${c.pageId} ${c.codeId}`, c]))
  const dimensions = codes.filter((c) => c.depth === 0)
  const name = codeNamer(codes)
  const inDimension = (id: string) => codes.filter((c) => c.dimensionId === id && c.depth > 0)
  if (cases.length === 0) return <p>{t('typology.matrix.noCases')}</p>
  return (
    <div className="typology-matrix-scroll">
      <table className="typology-matrix">
        <caption>{t('typology.matrix.caption')}</caption>
        <thead>
          <tr>
            <th rowSpan={2} scope="col">
              {t('typology.matrix.case')}
            </th>
            {dimensions.map((d) => (
              <th
                key={d.id}
                colSpan={Math.max(1, inDimension(d.id).length)}
                scope="colgroup"
                className="dimension"
              >
                <span className="swatch" style={{ background: d.color ?? '#888' }} />
                {d.label}
              </th>
            ))}
          </tr>
          <tr>
            {dimensions.map((d) => (
              <Fragment key={d.id}>
                {(inDimension(d.id).length > 0 ? inDimension(d.id) : [d]).map((c) => (
                  <th key={c.id} scope="col" className="code" title={c.path.join(' / ')}>
                    <span className="swatch" style={{ background: c.color ?? '#888' }} />
                    <Link
                      className="code-label"
                      to={`/w/${encodeURIComponent(props.workspaceId)}/codes/${encodeURIComponent(c.id)}`}
                    >
                      {name(c)}
                    </Link>
                  </th>
                ))}
              </Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {cases.map((kase) => (
            <tr key={kase.pageId}>
              <th scope="row">
                {kase.title}
                <span className="typology-muted">
                  {' '}
                  · {t(`typology.kind.${kase.kind === 'synthesis' ? 'synthesis' : 'case'}`)}
                </span>
              </th>
              {dimensions.flatMap((d) =>
                (inDimension(d.id).length > 0 ? inDimension(d.id) : [d]).map((c) => {
                  const cell = byKey.get(`${kase.pageId} ${c.id}`)
                  if (!cell) return <td key={c.id} className="empty" />
                  return (
                    <td key={c.id}>
                      <button
                        type="button"
                        className="cell"
                        data-testid={`cell-${kase.pageId}-${c.id}`}
                        style={{ borderColor: c.color ?? '#888' }}
                        aria-label={t('typology.matrix.cellLabel', {
                          count: cell.passages,
                          code: name(c),
                          case: kase.title,
                        })}
                        onClick={() => props.onOpen(c.id, kase.pageId)}
                      >
                        {cell.passages}
                        {cell.caseLevel && (
                          <span className="case-level" title={t('typology.matrix.caseLevel')}>
                            ●
                          </span>
                        )}
                      </button>
                    </td>
                  )
                }),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="typology-muted">{t('typology.matrix.legend')}</p>
    </div>
  )
}
