/** Keeps the export benchmark from rotting: a five-page dossier in both formats, no report written. */
import { expect, it } from 'vitest'
import { runExportBench } from './export.ts'

it('exports a small dossier as DOCX and PDF and measures the server', async () => {
  const rows = await runExportBench(5)
  expect(rows.map((r) => r.format)).toEqual(['docx', 'pdf'])
  for (const r of rows) {
    expect(r.bytes).toBeGreaterThan(10_000)
    expect(r.seconds).toBeGreaterThan(0)
    expect(r.peakAfterBytes).toBeGreaterThanOrEqual(r.peakBeforeBytes)
    expect(r.peakBeforeBytes).toBeGreaterThan(20 * 1024 * 1024)
  }
}, 60_000)
