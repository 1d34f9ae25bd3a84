/** Workload sizes: the full benchmark, `--quick` for development, and the smoke test's. */
export type Mode = 'full' | 'quick' | 'smoke'

export interface BenchConfig {
  s1: { docs: number; clientsPerDoc: number; typingRate: number; warmupMs: number; measureMs: number }
  s2: { clients: number; typists: number; typingRate: number; warmupMs: number; measureMs: number }
  s3: { idle: number; movers: number; moveRate: number; warmupMs: number; measureMs: number }
  s4: { operations: number; coldLoads: number }
  s5: { docs: number; typingRate: number; typeMs: number }
  s6: {
    docs: number
    startRate: number
    factor: number
    maxSteps: number
    warmupMs: number
    measureMs: number
    p99LimitMs: number
  }
}

export const CONFIGS: Record<Mode, BenchConfig> = {
  full: {
    s1: { docs: 200, clientsPerDoc: 3, typingRate: 5, warmupMs: 2000, measureMs: 8000 },
    s2: { clients: 50, typists: 10, typingRate: 5, warmupMs: 2000, measureMs: 8000 },
    s3: { idle: 200, movers: 20, moveRate: 10, warmupMs: 2000, measureMs: 6000 },
    s4: { operations: 250_000, coldLoads: 2 },
    s5: { docs: 10, typingRate: 10, typeMs: 3000 },
    s6: {
      docs: 20,
      startRate: 375,
      factor: 1.5,
      maxSteps: 12,
      warmupMs: 1000,
      measureMs: 2500,
      p99LimitMs: 50,
    },
  },
  quick: {
    s1: { docs: 20, clientsPerDoc: 3, typingRate: 5, warmupMs: 500, measureMs: 2000 },
    s2: { clients: 12, typists: 3, typingRate: 5, warmupMs: 500, measureMs: 2000 },
    s3: { idle: 30, movers: 5, moveRate: 10, warmupMs: 500, measureMs: 2000 },
    s4: { operations: 5_000, coldLoads: 1 },
    s5: { docs: 3, typingRate: 10, typeMs: 1200 },
    s6: { docs: 10, startRate: 250, factor: 2, maxSteps: 5, warmupMs: 500, measureMs: 1500, p99LimitMs: 50 },
  },
  smoke: {
    s1: { docs: 2, clientsPerDoc: 2, typingRate: 20, warmupMs: 200, measureMs: 800 },
    s2: { clients: 3, typists: 1, typingRate: 10, warmupMs: 100, measureMs: 500 },
    s3: { idle: 3, movers: 1, moveRate: 10, warmupMs: 100, measureMs: 500 },
    s4: { operations: 300, coldLoads: 1 },
    s5: { docs: 1, typingRate: 20, typeMs: 500 },
    s6: { docs: 2, startRate: 50, factor: 2, maxSteps: 2, warmupMs: 100, measureMs: 500, p99LimitMs: 50 },
  },
}
