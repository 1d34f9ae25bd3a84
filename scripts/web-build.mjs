/** Whether the web app's build is missing or older than its sources (for scripts/start.mjs). */
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/** Newest modification time under `dir` (files only, node_modules and dist skipped). */
function newest(dir) {
  if (!existsSync(dir)) return 0
  let latest = statSync(dir).isFile() ? statSync(dir).mtimeMs : 0
  if (latest) return latest
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue
    const full = path.join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs)
  }
  return latest
}

/** Why the web app must be built, or null when its build is up to date. */
export function webBuildReason(root) {
  const built = path.join(root, 'apps/web/dist/index.html')
  if (!existsSync(built)) return 'apps/web/dist is missing'
  const sources = [
    'apps/web/src',
    'apps/web/index.html',
    'apps/web/vite.config.ts',
    'apps/web/package.json',
    'packages/editor-schema/src',
    'packages/api-types/src',
    'packages/sync-protocol/src',
  ].map((p) => path.join(root, p))
  const sourceTime = Math.max(...sources.map(newest))
  return sourceTime > statSync(built).mtimeMs ? 'its sources are newer than the build' : null
}
