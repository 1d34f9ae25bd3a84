/** The agreement report as CSV: one row per level (cases, passages) × code or overall × coder pair or all coders. */
import { toCsv } from '../typology/index.ts'
import type { AgreementReport } from './round-report.ts'

const num = (v: number | null) => (v === null ? '' : v.toFixed(4))

export function reportCsv(report: AgreementReport, codeLabels: Map<string, string>): string {
  const names = new Map(report.coders.map((c) => [c.id, c.name]))
  const all = report.coders.map((c) => c.name).join(' + ')
  const rows: (string | number)[][] = []
  const codeName = (codeId: string | null) => (codeId ? (codeLabels.get(codeId) ?? codeId) : '(all codes)')
  rows.push([
    'cases',
    codeName(null),
    all,
    num(report.overall.percent),
    num(report.overall.kappa),
    num(report.overall.alpha),
    '',
  ])
  rows.push([
    'passages',
    codeName(null),
    all,
    num(report.overall.passages.percent),
    num(report.overall.passages.kappa),
    '',
    num(report.overall.passages.alphaBinary),
  ])
  for (const code of report.byCode) {
    rows.push(['cases', codeName(code.codeId), all, num(code.percent), num(code.kappa), num(code.alpha), ''])
    rows.push([
      'passages',
      codeName(code.codeId),
      all,
      num(code.passages.percent),
      num(code.passages.kappa),
      '',
      num(code.passages.alphaBinary),
    ])
  }
  for (const pair of report.pairs) {
    const label = pair.coderIds.map((id) => names.get(id) ?? id).join(' + ')
    for (const entry of [{ codeId: null, ...pair.overall }, ...pair.byCode]) {
      rows.push(['cases', codeName(entry.codeId), label, num(entry.percent), num(entry.kappa), '', ''])
      rows.push([
        'passages',
        codeName(entry.codeId),
        label,
        num(entry.passages.percent),
        num(entry.passages.kappa),
        '',
        '',
      ])
    }
  }
  return toCsv(['level', 'code', 'coders', 'percent', 'kappa', 'alpha', 'alpha_binary'], rows)
}
