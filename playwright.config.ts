/**
 * Browser tests: Debian's Chromium (never a downloaded browser) against the real server, started
 * by `node scripts/start.mjs` on its own port with a fresh, empty data directory.
 * Run `pnpm build` first (pnpm test does); start.mjs builds the web app only if it is missing.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3170)
const baseURL = `http://localhost:${port}`

// This file is loaded by the runner and again by each worker: create the directory only once.
process.env.TISSERAND_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'tisserand-e2e-'))
const dataDir = process.env.TISSERAND_E2E_DATA_DIR

export default defineConfig({
  testDir: 'tests/e2e',
  // Two cores, shared with the server under test.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  globalTeardown: './tests/e2e/global-teardown.ts',
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'node scripts/start.mjs',
    url: `${baseURL}/api/health`,
    // The owner account exists from the start (tests/e2e/support/people.ts signs in with it).
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Any change to a live document that was not stored first stops the server (exit 70).
      SYNC_INVARIANT_GUARD: '1',
      TISSERAND_ADMIN_EMAIL: 'amina.diallo@irg.example',
      TISSERAND_ADMIN_PASSWORD: 'tisserand-e2e-owner',
      TISSERAND_ADMIN_NAME: 'Amina Diallo',
    },
    reuseExistingServer: false,
    timeout: 120_000,
    // start.mjs passes SIGTERM on to the server, which then closes its database cleanly.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
