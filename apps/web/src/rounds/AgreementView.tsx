/**
 * The agreement kept at a round's reveal: a heat map of passage κ (codes × coder pairs), the
 * figures per code and overall (case level: percent, κ, α; passages: percent, κ, α-binary), and
 * the report as CSV. Every cell writes its number; the tint only repeats it.
 */
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useResource } from '../api/useResource.ts'
import type { TreeCode } from '../coding/codeTree.ts'
import { type CodingRound, roundsApi } from './roundsApi.ts'

export function AgreementView(props: {
  workspaceId: string
  round: CodingRound
  codes: Map<string, TreeCode>
  titles: Map<string, string>
}) {
  const { t, i18n } = useTranslation()
  const { workspaceId, round, codes } = props
  const titleId = useId()
  const [allCodes, setAllCodes] = useState(false)
  const report = useResource(
    () => roundsApi.agreement(workspaceId, round.id),
    [workspaceId, round.id, round.status],
  )
  const number = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 })
  const n = (v: number | null) => (v === null ? '—' : number.format(v))
  const p = (v: number | null) => (v === null ? '—' : percent.format(v))
  if (report.error) return <p role="alert">{report.error.message}</p>
  const data = report.data
  if (!data) return null
  const coderName = new Map(data.coders.map((c) => [c.id, c.name]))
  const ordered = [...data.byCode]
    .filter((c) => allCodes || c.used)
    .sort(
      (x, y) =>
        [...codes.keys()].indexOf(x.codeId) - [...codes.keys()].indexOf(y.codeId) ||
        x.codeId.localeCompare(y.codeId),
    )
  const label = (codeId: string) => codes.get(codeId)?.label ?? codeId
  const tint = (v: number | null) => {
    if (v === null) return undefined
    const share = Math.max(0, Math.min(1, v))
    return { background: `hsl(205 55% ${96 - 58 * share}%)`, color: share > 0.55 ? '#fff' : 'var(--ink)' }
  }
  return (
    <section className="card agreement" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('rounds.agreement.title')}
      </h2>
      {round.status === 'revealed' && <p className="hint">{t('rounds.agreement.kept')}</p>}
      <dl className="agreement-overall" data-testid="agreement-overall">
        <div>
          <dt>
            {t('rounds.agreement.passages')} · {t('rounds.agreement.kappa')}
          </dt>
          <dd>{n(data.overall.passages.kappa)}</dd>
        </div>
        <div>
          <dt>
            {t('rounds.agreement.passages')} · {t('rounds.agreement.alphaBinary')}
          </dt>
          <dd>{n(data.overall.passages.alphaBinary)}</dd>
        </div>
        <div>
          <dt>
            {t('rounds.agreement.cases')} · {t('rounds.agreement.alpha')}
          </dt>
          <dd>{n(data.overall.alpha)}</dd>
        </div>
        <div>
          <dt>
            {t('rounds.agreement.passages')} · {t('rounds.agreement.percent')}
          </dt>
          <dd>{p(data.overall.passages.percent)}</dd>
        </div>
      </dl>
      {/* The caption is shown above the scrolling box, so it wraps on a phone instead of scrolling away. */}
      <p className="heatmap-title" aria-hidden="true">
        {t('rounds.agreement.heatmap')}
      </p>
      <div className="agreement-scroll">
        <table className="heatmap" data-testid="agreement-heatmap">
          <caption className="visually-hidden">{t('rounds.agreement.heatmap')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rounds.agreement.code')}</th>
              {data.pairs.map((pair) => (
                <th scope="col" key={pair.coderIds.join(' ')}>
                  {pair.coderIds.map((id) => coderName.get(id) ?? id).join(' · ')}
                </th>
              ))}
              <th scope="col">{t('rounds.agreement.alphaBinary')}</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((code) => (
              <tr key={code.codeId}>
                <th scope="row">
                  <span
                    className="swatch"
                    style={{ background: codes.get(code.codeId)?.shownColor ?? '#888' }}
                  />{' '}
                  {label(code.codeId)}
                </th>
                {data.pairs.map((pair) => {
                  const cell = pair.byCode.find((c) => c.codeId === code.codeId)
                  const kappa = cell?.passages.kappa ?? null
                  return (
                    <td key={pair.coderIds.join(' ')} style={tint(kappa)}>
                      {n(kappa)}
                      <span className="heatmap-sub">{p(cell?.passages.percent ?? null)}</span>
                    </td>
                  )
                })}
                <td style={tint(code.passages.alphaBinary)}>{n(code.passages.alphaBinary)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('rounds.agreement.legend')}</p>
      {data.byCode.some((c) => !c.used) && (
        <label className="choice">
          <input type="checkbox" checked={allCodes} onChange={(e) => setAllCodes(e.target.checked)} />{' '}
          {t('rounds.agreement.allCodes', { count: data.byCode.length })}
        </label>
      )}
      <div className="agreement-scroll">
        <table className="data-table agreement-table">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t('rounds.agreement.code')}
              </th>
              <th scope="colgroup" colSpan={3}>
                {t('rounds.agreement.cases')}
              </th>
              <th scope="colgroup" colSpan={3}>
                {t('rounds.agreement.passages')}
              </th>
            </tr>
            <tr>
              <th scope="col">{t('rounds.agreement.percent')}</th>
              <th scope="col">{t('rounds.agreement.kappa')}</th>
              <th scope="col">{t('rounds.agreement.alpha')}</th>
              <th scope="col">{t('rounds.agreement.percent')}</th>
              <th scope="col">{t('rounds.agreement.kappa')}</th>
              <th scope="col">{t('rounds.agreement.alphaBinary')}</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((c) => (
              <tr key={c.codeId}>
                <th scope="row">{label(c.codeId)}</th>
                <td>{p(c.percent)}</td>
                <td>{n(c.kappa)}</td>
                <td>{n(c.alpha)}</td>
                <td>{p(c.passages.percent)}</td>
                <td>{n(c.passages.kappa)}</td>
                <td>{n(c.passages.alphaBinary)}</td>
              </tr>
            ))}
            <tr className="agreement-total">
              <th scope="row">{t('rounds.agreement.overall')}</th>
              <td>{p(data.overall.percent)}</td>
              <td>{n(data.overall.kappa)}</td>
              <td>{n(data.overall.alpha)}</td>
              <td>{p(data.overall.passages.percent)}</td>
              <td>{n(data.overall.passages.kappa)}</td>
              <td>{n(data.overall.passages.alphaBinary)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {data.byPage.length > 1 && (
        <div className="agreement-scroll">
          <table className="data-table agreement-table">
            <caption className="heatmap-title">{t('rounds.agreement.byPage')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rounds.agreement.page')}</th>
                <th scope="col">{t('rounds.agreement.percent')}</th>
                <th scope="col">{t('rounds.agreement.kappa')}</th>
              </tr>
            </thead>
            <tbody>
              {data.byPage.map((page) => (
                <tr key={page.pageId}>
                  <th scope="row">{props.titles.get(page.pageId) ?? '…'}</th>
                  <td>{p(page.percent)}</td>
                  <td style={tint(page.kappa)}>{n(page.kappa)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={roundsApi.agreementCsvUrl(workspaceId, round.id)}>{t('rounds.agreement.csv')}</a>
      </p>
    </section>
  )
}
