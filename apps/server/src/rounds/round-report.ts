/**
 * The agreement report of a round from its coders' codings, as plain data: per code, per coder
 * pair and overall, for case-level codes (units: the round's pages) and for passages (units: the
 * code points of the pages' text). Pure: the rounds service gathers the codings and keeps the
 * result. Definitions: docs/agreement.md.
 */
import type { AgreementReport, CodeAgreement } from '@tisserand/api-types'
import {
  type BinaryCounts,
  cohenKappa,
  krippendorffAlphaNominal,
  mergeSpans,
  percentAgreement,
  type Span,
  spanCounts,
  unitizingAlphaBinary,
} from './agreement-stats.ts'

export type { AgreementReport, CodeAgreement, PairAgreement, PassageAgreement } from '@tisserand/api-types'

export interface RoundCodings {
  coders: { id: string; name: string }[]
  codeIds: string[]
  /** Each page's text length in code points (the passages' continuum). */
  pages: { pageId: string; length: number }[]
  /** Spans in code points: `passages.get(coderId)?.get(codeId)?.get(pageId)`. */
  passages: Map<string, Map<string, Map<string, Span[]>>>
  /** Case-level codes applied: `${coderId} ${pageId} ${codeId}`. */
  caseCodes: Set<string>
}

const sum = (counts: BinaryCounts[]): BinaryCounts =>
  counts.reduce((t, c) => ({ n: t.n + c.n, a: t.a + c.a, b: t.b + c.b, both: t.both + c.both }), {
    n: 0,
    a: 0,
    b: 0,
    both: 0,
  })

const mean = (values: (number | null)[]): number | null => {
  const defined = values.filter((v): v is number => v !== null)
  return defined.length === 0 ? null : defined.reduce((t, v) => t + v, 0) / defined.length
}

export function agreementReport(data: RoundCodings): AgreementReport {
  const { coders, codeIds, pages } = data
  const pairs: [string, string][] = []
  for (let i = 0; i < coders.length; i += 1)
    for (let j = i + 1; j < coders.length; j += 1)
      pairs.push([(coders[i] as { id: string }).id, (coders[j] as { id: string }).id])
  const spans = (coderId: string, codeId: string, pageId: string): Span[] =>
    mergeSpans(data.passages.get(coderId)?.get(codeId)?.get(pageId) ?? [])
  const applied = (coderId: string, pageId: string, codeId: string) =>
    data.caseCodes.has(`${coderId} ${pageId} ${codeId}`)

  /** Case level, one pair, the given codes: units are (page, code). */
  const caseCounts = (a: string, b: string, codes: string[]): BinaryCounts => {
    const counts = { n: 0, a: 0, b: 0, both: 0 }
    for (const codeId of codes)
      for (const { pageId } of pages) {
        const x = applied(a, pageId, codeId)
        const y = applied(b, pageId, codeId)
        counts.n += 1
        if (x) counts.a += 1
        if (y) counts.b += 1
        if (x && y) counts.both += 1
      }
    return counts
  }
  const passageCounts = (a: string, b: string, codes: string[], only = pages): BinaryCounts =>
    sum(
      codes.flatMap((codeId) =>
        only.map(({ pageId, length }) =>
          spanCounts(length, spans(a, codeId, pageId), spans(b, codeId, pageId)),
        ),
      ),
    )
  const caseAlpha = (codes: string[]) =>
    krippendorffAlphaNominal(
      codes.flatMap((codeId) =>
        pages.map(({ pageId }) => coders.map((c) => (applied(c.id, pageId, codeId) ? 1 : 0))),
      ),
    )
  /** The pages one after the other make the continuum of one code. */
  const alphaBinary = (codeId: string) => {
    let offset = 0
    const perCoder = coders.map(() => [] as Span[])
    for (const { pageId, length } of pages) {
      coders.forEach((c, i) => {
        for (const [from, to] of spans(c.id, codeId, pageId)) perCoder[i]?.push([from + offset, to + offset])
      })
      offset += length
    }
    return unitizingAlphaBinary(offset, perCoder)
  }
  // κ is Cohen's, for exactly two coders; with more, only the pairs have one.
  const twoCoders = pairs.length === 1
  const summarize = (counts: BinaryCounts[]) => ({
    percent: mean(counts.map(percentAgreement)),
    kappa: twoCoders ? cohenKappa(counts[0] as BinaryCounts) : null,
  })

  const byCode: CodeAgreement[] = codeIds.map((codeId) => {
    const alphaB = alphaBinary(codeId)
    const used =
      coders.some((c) => pages.some((p) => spans(c.id, codeId, p.pageId).length > 0)) ||
      coders.some((c) => pages.some((p) => applied(c.id, p.pageId, codeId)))
    return {
      codeId,
      used,
      ...summarize(pairs.map(([a, b]) => caseCounts(a, b, [codeId]))),
      alpha: caseAlpha([codeId]),
      passages: { ...summarize(pairs.map(([a, b]) => passageCounts(a, b, [codeId]))), alphaBinary: alphaB },
    }
  })
  // Overall figures pool the codes someone used: codes nobody applied would only add units where
  // everyone agrees by doing nothing, and inflate the agreement.
  const usedIds = byCode.filter((c) => c.used).map((c) => c.codeId)
  const pooled = usedIds.length > 0 ? usedIds : codeIds
  return {
    coders,
    overall: {
      ...summarize(pairs.map(([a, b]) => caseCounts(a, b, pooled))),
      alpha: caseAlpha(pooled),
      passages: {
        ...summarize(pairs.map(([a, b]) => passageCounts(a, b, pooled))),
        // The mean of the codes' α-binary where defined (a code nobody used has none).
        alphaBinary: mean(byCode.map((c) => c.passages.alphaBinary)),
      },
    },
    byCode,
    byPage: pages.map((page) => ({
      pageId: page.pageId,
      ...summarize(pairs.map(([a, b]) => passageCounts(a, b, pooled, [page]))),
    })),
    pairs: pairs.map(([a, b]) => {
      const pair = (codes: string[]) => {
        const cases = caseCounts(a, b, codes)
        const passages = passageCounts(a, b, codes)
        return {
          percent: percentAgreement(cases),
          kappa: cohenKappa(cases),
          passages: { percent: percentAgreement(passages), kappa: cohenKappa(passages) },
        }
      }
      return {
        coderIds: [a, b],
        overall: pair(pooled),
        byCode: codeIds.map((codeId) => ({ codeId, ...pair([codeId]) })),
      }
    }),
  }
}
