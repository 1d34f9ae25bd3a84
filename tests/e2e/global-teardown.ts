import { rmSync } from 'node:fs'

/** Removes the data directory playwright.config.ts created for this run's server. */
export default function globalTeardown(): void {
  const dataDir = process.env.TISSERAND_E2E_DATA_DIR
  if (dataDir?.includes('tisserand-e2e-')) rmSync(dataDir, { recursive: true, force: true })
}
