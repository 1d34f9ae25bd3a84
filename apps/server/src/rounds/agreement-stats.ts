/**
 * Inter-coder agreement statistics, pure functions over plain numbers (no database, no pages):
 * percent agreement and Cohen's κ for two coders, Krippendorff's α (nominal, any number of coders,
 * missing values allowed) and Krippendorff's unitizing α for one code over a continuum.
 * Definitions and references: docs/agreement.md. `null` means "not defined" (no variation at all).
 */

/** Two coders' binary decisions over N units, counted: how many each coded, how many both did. */
export interface BinaryCounts {
  n: number
  a: number
  b: number
  both: number
}

/** (both + neither) / N; null when there is nothing to compare. */
export function percentAgreement({ n, a, b, both }: BinaryCounts): number | null {
  if (n <= 0) return null
  const neither = n - a - b + both
  return (both + neither) / n
}

/**
 * Cohen's κ for two coders' binary decisions: (Po − Pe) / (1 − Pe), where the chance agreement
 * Pe = (A·B + (N−A)(N−B)) / N² adds the two chances (both yes, both no), never multiplies them.
 * Null when Pe = 1 (both coders gave one and the same answer everywhere: κ is undefined).
 */
export function cohenKappa(counts: BinaryCounts): number | null {
  const { n, a, b } = counts
  const po = percentAgreement(counts)
  if (po === null) return null
  const pe = (a * b + (n - a) * (n - b)) / (n * n)
  if (pe === 1) return null
  return (po - pe) / (1 - pe)
}

/** One value per coder for one unit; null where the coder gave none (missing data). */
export type Value = string | number | null

/**
 * Krippendorff's α for nominal data (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability"): `units[u][c]` is coder c's value for unit u. Units with fewer than two
 * values are not pairable and are left out; α = 1 − (n − 1) · Σ_c o_cc′≠c / Σ n_c·n_c′≠c.
 */
export function krippendorffAlphaNominal(units: Value[][]): number | null {
  const coincidence = new Map<string, Map<string, number>>()
  const add = (x: string, y: string, w: number) => {
    const row = coincidence.get(x) ?? new Map<string, number>()
    row.set(y, (row.get(y) ?? 0) + w)
    coincidence.set(x, row)
  }
  for (const unit of units) {
    const values = unit.filter((v): v is string | number => v !== null).map(String)
    const m = values.length
    if (m < 2) continue
    for (let i = 0; i < m; i += 1)
      for (let j = 0; j < m; j += 1) if (i !== j) add(values[i] as string, values[j] as string, 1 / (m - 1))
  }
  const totals = new Map<string, number>()
  let n = 0
  let observed = 0
  for (const [x, row] of coincidence) {
    for (const [y, w] of row) {
      totals.set(x, (totals.get(x) ?? 0) + w)
      n += w
      if (x !== y) observed += w
    }
  }
  if (n <= 1) return null
  let expected = 0
  for (const [x, nx] of totals) for (const [y, ny] of totals) if (x !== y) expected += nx * ny
  if (expected === 0) return null
  return 1 - ((n - 1) * observed) / expected
}

/** A coded stretch of the continuum, [from, to) in code points. */
export type Span = readonly [number, number]

/** Merges overlapping spans, so overlaps count once (spans that only touch stay two units). */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter(([from, to]) => to > from).sort((x, y) => x[0] - y[0] || x[1] - y[1])
  const out: [number, number][] = []
  for (const [from, to] of sorted) {
    const last = out[out.length - 1]
    if (last && from < last[1]) last[1] = Math.max(last[1], to)
    else out.push([from, to])
  }
  return out
}

/** Code points both coders coded (spans merged first). */
export function overlapLength(a: readonly Span[], b: readonly Span[]): number {
  let total = 0
  for (const [af, at] of mergeSpans(a))
    for (const [bf, bt] of mergeSpans(b)) total += Math.max(0, Math.min(at, bt) - Math.max(af, bf))
  return total
}

export function coveredLength(spans: readonly Span[]): number {
  return mergeSpans(spans).reduce((sum, [from, to]) => sum + (to - from), 0)
}

/** Two coders' spans of one code over a continuum of `length` code points, as binary counts. */
export function spanCounts(length: number, a: readonly Span[], b: readonly Span[]): BinaryCounts {
  return { n: length, a: coveredLength(a), b: coveredLength(b), both: overlapLength(a, b) }
}

interface Section {
  begin: number
  length: number
  /** 1: coded with the code (a unit); 0: a gap. */
  value: 0 | 1
}

/** A coder's spans and the gaps between them, covering the whole continuum [0, length). */
function sections(length: number, spans: readonly Span[]): Section[] {
  const out: Section[] = []
  let at = 0
  for (const [from, to] of mergeSpans(spans)) {
    const begin = Math.max(from, 0)
    const end = Math.min(to, length)
    if (end <= begin) continue
    if (begin > at) out.push({ begin: at, length: begin - at, value: 0 })
    out.push({ begin, length: end - begin, value: 1 })
    at = end
  }
  if (at < length) out.push({ begin: at, length: length - at, value: 0 })
  return out
}

/** The squared distance between two coders' sections (Krippendorff 2004, eq. for cδ²). */
function distance(g: Section, h: Section): number {
  const offset = g.begin - h.begin
  if (g.value === 1 && h.value === 1) {
    if (-g.length < offset && offset < h.length) {
      const endOffset = g.begin + g.length - (h.begin + h.length)
      return offset * offset + endOffset * endOffset
    }
    return 0
  }
  if (g.value === 1 && h.value === 0) {
    return h.length - g.length >= offset && offset >= 0 ? g.length * g.length : 0
  }
  if (g.value === 0 && h.value === 1) {
    return g.length - h.length >= -offset && -offset >= 0 ? h.length * h.length : 0
  }
  return 0
}

/**
 * Krippendorff's unitizing α for one code, binary (coded or not) over a continuum of `length`
 * positions: `coders[c]` lists coder c's spans. Follows Krippendorff (2004), "Measuring the
 * reliability of qualitative text analysis data", Quality & Quantity 38: the observed
 * disagreement sums the squared distances between every two coders' overlapping sections, the
 * expected one every way of placing the units anywhere on the continuum. 1 when the coders' spans
 * are identical (and any exists); null when no coder coded anything (nothing to agree on).
 */
export function unitizingAlphaBinary(length: number, coders: readonly (readonly Span[])[]): number | null {
  const m = coders.length
  if (m < 2 || length <= 0) return null
  const all = coders.map((spans) => sections(length, spans))
  const units = all.flat().filter((s) => s.value === 1)
  const nUnits = units.length
  if (nUnits === 0) return null
  let observed = 0
  for (let i = 0; i < m; i += 1)
    for (let j = 0; j < m; j += 1) {
      if (i === j) continue
      for (const g of all[i] as Section[]) for (const h of all[j] as Section[]) observed += distance(g, h)
    }
  const dObserved = observed / (m * (m - 1) * length * length)
  const mL = m * length
  let numerator = 0
  let selfPairs = 0
  for (const g of units) {
    const l = g.length
    let inGaps = 0
    for (const sectionsOfCoder of all)
      for (const h of sectionsOfCoder) if (h.value === 0 && h.length >= l) inGaps += h.length - l + 1
    numerator += ((nUnits - 1) / 3) * (2 * l ** 3 - 3 * l ** 2 + l) + l * l * inGaps
    selfPairs += l * (l - 1)
  }
  const denominator = mL * (mL - 1) - selfPairs
  if (denominator <= 0) return null
  const dExpected = ((2 / length) * numerator) / denominator
  if (dExpected === 0) return dObserved === 0 ? 1 : null
  return 1 - dObserved / dExpected
}
