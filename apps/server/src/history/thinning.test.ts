/** Thinning keeps every recent automatic version, then one an hour, then one a day; never others. */
import { expect, test } from 'vitest'
import { versionsToThin } from './thinning.ts'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR
const now = Date.UTC(2026, 11, 1, 12, 0, 0)
const policy = { keepAllMs: DAY, keepHourlyMs: 30 * DAY }

test('all younger than a day are kept; older ones one per hour, then one per day; named ones always', () => {
  const versions = [
    // Within the last day: four, all kept.
    { id: 'recent-1', kind: 'auto', createdAt: now - 1 * HOUR },
    { id: 'recent-2', kind: 'auto', createdAt: now - 1 * HOUR - 60_000 },
    { id: 'recent-3', kind: 'pre-restore', createdAt: now - 5 * HOUR },
    { id: 'recent-4', kind: 'auto', createdAt: now - 23 * HOUR },
    // Two days ago, three in one clock hour: the newest stays.
    { id: 'hour-newest', kind: 'auto', createdAt: Date.UTC(2026, 10, 29, 10, 50) },
    { id: 'hour-middle', kind: 'auto', createdAt: Date.UTC(2026, 10, 29, 10, 30) },
    { id: 'hour-oldest', kind: 'auto', createdAt: Date.UTC(2026, 10, 29, 10, 5) },
    { id: 'next-hour', kind: 'auto', createdAt: Date.UTC(2026, 10, 29, 11, 5) },
    // Two months ago, two on one day and one on the next: one per day.
    { id: 'day-newest', kind: 'auto', createdAt: Date.UTC(2026, 9, 1, 18) },
    { id: 'day-oldest', kind: 'auto', createdAt: Date.UTC(2026, 9, 1, 8) },
    { id: 'next-day', kind: 'auto', createdAt: Date.UTC(2026, 9, 2, 8) },
    // Never thinned, however old or close together.
    { id: 'named', kind: 'named', createdAt: Date.UTC(2026, 9, 1, 9) },
    { id: 'restore', kind: 'restore', createdAt: Date.UTC(2026, 9, 1, 10) },
    { id: 'import', kind: 'import', createdAt: Date.UTC(2026, 9, 1, 11) },
  ]
  expect(versionsToThin(versions, policy, now).sort()).toEqual(['day-oldest', 'hour-middle', 'hour-oldest'])
})
