/** Whether a build (the web app, the compiled server) is missing or older than its sources. */
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

/** Every shared package (editor schema, API types, …) is bundled into both builds. */
const SHARED_SOURCES = ['packages']

function staleReason(root, built, sources) {
  if (!existsSync(path.join(root, built))) return `${path.dirname(built)} is missing`
  const sourceTime = Math.max(...[...sources, ...SHARED_SOURCES].map((p) => newest(path.join(root, p))))
  return sourceTime > statSync(path.join(root, built)).mtimeMs ? 'its sources are newer than the build' : null
}

/** Why the web app must be built, or null when its build is up to date. */
export function webBuildReason(root) {
  return staleReason(root, 'apps/web/dist/index.html', [
    'apps/web/src',
    'apps/web/index.html',
    'apps/web/vite.config.ts',
    'apps/web/package.json',
  ])
}

/** Why the server must be compiled, or null when apps/server/dist is up to date. */
export function serverBuildReason(root) {
  return staleReason(root, 'apps/server/dist/main.js', [
    'apps/server/src',
    'apps/server/build.mjs',
    'apps/server/package.json',
  ])
}
