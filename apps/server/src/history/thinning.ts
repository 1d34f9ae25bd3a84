/**
 * Which automatic versions to keep: every one younger than `keepAllMs`, then the newest of each
 * hour until `keepHourlyMs`, then the newest of each day. Other kinds are never thinned.
 */
export interface ThinningPolicy {
  keepAllMs: number
  keepHourlyMs: number
}

export const THINNED_KINDS = new Set(['auto', 'pre-restore'])

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

/** Ids of the versions to delete among `versions` (any order), as of `now`. */
export function versionsToThin(
  versions: { id: string; kind: string; createdAt: number }[],
  policy: ThinningPolicy,
  now: number,
): string[] {
  const newestFirst = versions
    .filter((v) => THINNED_KINDS.has(v.kind))
    .sort((a, b) => b.createdAt - a.createdAt)
  const seenBuckets = new Set<string>()
  const drop: string[] = []
  for (const version of newestFirst) {
    const age = now - version.createdAt
    if (age < policy.keepAllMs) continue
    const bucket =
      age < policy.keepHourlyMs
        ? `h${Math.floor(version.createdAt / HOUR)}`
        : `d${Math.floor(version.createdAt / DAY)}`
    if (seenBuckets.has(bucket)) drop.push(version.id)
    else seenBuckets.add(bucket)
  }
  return drop
}
