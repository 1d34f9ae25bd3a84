/**
 * Code co-occurrence, worked out for the grid and its cells: the pair counts by mode, and where
 * two codes meet (the cases carrying both, or their overlapping passages).
 */
import type { CodedPage, CodedPassage, Cooccurrence } from './typologyApi.ts'

export type MeetMode = 'case' | 'passage'

/** Pair counts keyed by both orders of the two code ids. */
export function pairCounts(pairs: readonly Cooccurrence[], mode: MeetMode): Map<string, number> {
  const counts = new Map<string, number>()
  for (const p of pairs) {
    const n = mode === 'case' ? p.cases : p.passages
    if (n === 0) continue
    counts.set(`${p.a} ${p.b}`, n)
    counts.set(`${p.b} ${p.a}`, n)
  }
  return counts
}

export interface Meeting {
  pageId: string
  pageTitle: string
  /** The coding to open the page at (absent: a case where both codes are on the whole page). */
  passageId?: string
  /** The excerpt shown: the passage of the first code. */
  excerpt?: string
  /** Case mode: how each code is on the page. */
  carries?: { a: CodedPage; b: CodedPage }
}

/** Cases carrying both codes, each opening at a passage of either code when there is one. */
export function caseMeetings(
  pagesA: readonly CodedPage[],
  pagesB: readonly CodedPage[],
  passages: readonly CodedPassage[],
): Meeting[] {
  const byPageB = new Map(pagesB.map((p) => [p.pageId, p]))
  return pagesA.flatMap((a) => {
    const b = byPageB.get(a.pageId)
    if (!b) return []
    const first = passages.find((p) => p.pageId === a.pageId)
    return [
      {
        pageId: a.pageId,
        pageTitle: a.title,
        passageId: first?.id,
        excerpt: first ? (first.text ?? first.quote) : undefined,
        carries: { a, b },
      },
    ]
  })
}

/** Overlapping passages of the two codes on the same page, as the server counts them. */
export function passageMeetings(passagesA: readonly CodedPassage[], passagesB: readonly CodedPassage[]) {
  const meetings: Meeting[] = []
  for (const a of passagesA)
    for (const b of passagesB)
      if (a.pageId === b.pageId && a.id !== b.id && a.from < b.to && b.from < a.to)
        meetings.push({
          pageId: a.pageId,
          pageTitle: a.pageTitle,
          passageId: a.id,
          excerpt: a.text ?? a.quote,
        })
  return meetings
}

/** Link to a page, at a coded passage when there is one. */
export function passageHref(pageId: string, passageId?: string): string {
  const page = `/p/${encodeURIComponent(pageId)}`
  return passageId ? `${page}?passage=${encodeURIComponent(passageId)}` : page
}

/** Cell background: the count's share of the largest count, as a tint of one blue (never the only cue). */
export function heat(count: number, max: number): { background: string; color: string } {
  if (count === 0 || max === 0) return { background: 'transparent', color: 'inherit' }
  const share = count / max
  const alpha = 0.15 + 0.75 * share
  return { background: `rgba(31, 78, 140, ${alpha.toFixed(2)})`, color: alpha > 0.5 ? '#ffffff' : '#1f1f1f' }
}
