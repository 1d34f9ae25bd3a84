/**
 * Keeps the benchmark harness from rotting: a minuscule S1 against Tisserand and the stock
 * y-websocket server, checking that the harness measured something sane. Writes no report.
 */
import { describe, expect, it } from 'vitest'
import { runBench } from './harness.ts'
import type { TrafficScenarioResult } from './scenarios/traffic.ts'

describe('sync benchmark harness (smoke)', () => {
  it('measures delivery, latency, CPU and memory on Tisserand and the stock server', async () => {
    process.setMaxListeners(0)
    const results = await runBench({
      mode: 'smoke',
      systems: ['tisserand', 'yws-memory'],
      scenarios: ['S1'],
      serverCpu: null,
    })
    const s1 = results.traffic.S1 ?? []
    expect(s1.map((r) => r.system)).toEqual(['tisserand', 'yws-memory'])
    for (const entry of s1) {
      expect(entry, JSON.stringify(entry)).not.toHaveProperty('error')
      const r = entry as TrafficScenarioResult
      // 2 docs × 1 typist at 20 keys/s, each keystroke delivered to the one other client.
      expect(r.sentPerSec).toBeGreaterThan(10)
      expect(r.deliveryRatio).toBeGreaterThanOrEqual(0.99)
      expect(r.deliveredPerSec).toBeGreaterThan(0.9 * r.sentPerSec)
      expect(r.latency.count).toBeGreaterThan(5)
      expect(r.latency.p50).toBeGreaterThan(0)
      expect(r.latency.p99).toBeLessThan(1000)
      expect(r.latency.p50).toBeLessThanOrEqual(r.latency.p99)
      expect(r.serverCpuPct).toBeGreaterThanOrEqual(0)
      expect(r.serverCpuPct).toBeLessThan(200)
      expect(r.rssBytes).toBeGreaterThan(20 * 1024 * 1024)
      expect(r.peakRssBytes).toBeGreaterThanOrEqual(r.rssBytes)
      expect(r.wireBytesPerDelivered).toBeGreaterThan(10)
    }
    // Tisserand writes each update before it broadcasts it.
    const tisserand = s1[0] as TrafficScenarioResult
    expect(tisserand.storageBytes).toBeGreaterThan(0)
    expect(results.applyFloor?.usPerUpdate).toBeGreaterThan(0)
  }, 60_000)
})
