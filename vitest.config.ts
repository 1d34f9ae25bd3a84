import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'tests/integration/**/*.test.ts',
      'tests/bench/**/*.test.ts',
      'tests/house-rules/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
    ],
    // Integration tests start real server processes; two at a time is what two cores carry.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
