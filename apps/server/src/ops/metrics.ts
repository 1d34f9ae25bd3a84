/** Prometheus metrics of one server process, exposed at GET /metrics. */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

export class Metrics {
  readonly registry = new Registry()
  readonly connections = new Gauge({
    name: 'tisserand_ws_connections',
    help: 'Open collaboration WebSocket connections',
    registers: [this.registry],
  })
  readonly loadedDocs = new Gauge({
    name: 'tisserand_docs_loaded',
    help: 'Documents held in memory',
    registers: [this.registry],
  })
  readonly updates = new Counter({
    name: 'tisserand_updates_total',
    help: 'Document updates accepted, stored and broadcast (rate() gives updates/s)',
    registers: [this.registry],
  })
  readonly droppedUpdates = new Counter({
    name: 'tisserand_updates_dropped_total',
    help: 'Document updates dropped because the connection is read-only',
    registers: [this.registry],
  })
  readonly unstoredChanges = new Counter({
    name: 'tisserand_unstored_changes_total',
    help: 'Times a live document was found to differ from what is stored (must stay 0)',
    registers: [this.registry],
  })
  readonly rejectedMessages = new Counter({
    name: 'tisserand_messages_rejected_total',
    help: 'Messages that closed their connection',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  })
  readonly appendSeconds = new Histogram({
    name: 'tisserand_storage_append_seconds',
    help: 'Latency of appending one update to storage',
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.1],
    registers: [this.registry],
  })
  readonly compactions = new Counter({
    name: 'tisserand_compactions_total',
    help: 'Document compactions run',
    registers: [this.registry],
  })

  /** Pending timers of the server's own schedulers, by what keeps them (server.ts registers them). */
  readonly timerSources = new Map<string, () => number>()
  /** A count that only grows means a leak (the soak test reads it). */
  readonly pendingTimers = new Gauge({
    name: 'tisserand_pending_timers',
    help: 'Timers the server holds: page unloads, derivations, version captures, presence batches',
    labelNames: ['kind'] as const,
    registers: [this.registry],
    collect: () => {
      for (const [kind, count] of this.timerSources) this.pendingTimers.set({ kind }, count())
    },
  })

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'tisserand_' })
  }
}
