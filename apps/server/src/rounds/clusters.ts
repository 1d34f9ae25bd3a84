/**
 * What the reveal of a round asks someone to settle, on one page: the coders' codings grouped
 * into clusters of overlapping passages (any code, any coder). A cluster is agreed when every
 * coder coded it with the same codes on the same characters; otherwise it is a disagreement (a
 * passage coded by one coder and not another, different extents, or different codes). Pure.
 */
import { mergeSpans, type Span } from './agreement-stats.ts'

export interface ClusterCoding {
  id: string
  coderId: string
  codeId: string
  /** Code points in the page's text, end exclusive. */
  from: number
  to: number
}

export interface Cluster {
  from: number
  to: number
  codings: ClusterCoding[]
  agreed: boolean
}

export function clusters(coderIds: readonly string[], codings: readonly ClusterCoding[]): Cluster[] {
  const sorted = [...codings].sort((x, y) => x.from - y.from || x.to - y.to)
  const out: Cluster[] = []
  for (const coding of sorted) {
    const last = out[out.length - 1]
    if (last && coding.from < last.to) {
      last.codings.push(coding)
      last.to = Math.max(last.to, coding.to)
    } else out.push({ from: coding.from, to: coding.to, codings: [coding], agreed: false })
  }
  for (const cluster of out) cluster.agreed = isAgreed(coderIds, cluster.codings)
  return out
}

/** Each coder's codes over the cluster, spans merged: all the same for every coder. */
function isAgreed(coderIds: readonly string[], codings: readonly ClusterCoding[]): boolean {
  const shape = (coderId: string) => {
    const byCode = new Map<string, Span[]>()
    for (const c of codings)
      if (c.coderId === coderId) byCode.set(c.codeId, [...(byCode.get(c.codeId) ?? []), [c.from, c.to]])
    return JSON.stringify(
      [...byCode.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([code, s]) => [code, mergeSpans(s)]),
    )
  }
  const [first, ...rest] = coderIds
  if (first === undefined) return false
  const reference = shape(first)
  return reference !== '[]' && rest.every((id) => shape(id) === reference)
}
