/**
 * Every system runs as compiled JavaScript, as in production: Tisserand as `apps/server/dist`
 * (built by its own build.mjs), each peer bundled here with its npm packages left to Node. A
 * TypeScript loader in the measured process would add its own memory and start-up to everyone.
 */
import { execFileSync } from 'node:child_process'
import { basename, resolve } from 'node:path'
import { buildSync } from 'esbuild'
import { serverBuildReason } from '../../scripts/build-status.mjs'
import { BENCH_DIR, REPO_ROOT } from './process.ts'

const built = new Set<string>()

/** apps/server/dist/main.js, compiled again when its sources are newer (as `pnpm start` does). */
export function compiledServer(): string {
  const serverDir = resolve(REPO_ROOT, 'apps/server')
  if (!built.has(serverDir) && serverBuildReason(REPO_ROOT)) {
    execFileSync(process.execPath, ['build.mjs'], { cwd: serverDir, stdio: 'inherit' })
    built.add(serverDir)
  }
  return resolve(serverDir, 'dist/main.js')
}

/** A peer server (tests/bench/peers/<file>) bundled to tests/bench/dist/peers/. */
export function compiledPeer(file: string): string {
  const out = resolve(BENCH_DIR, 'dist/peers', basename(file).replace(/\.ts$/, '.js'))
  if (!built.has(out)) {
    buildSync({
      entryPoints: [resolve(BENCH_DIR, 'peers', file)],
      outfile: out,
      bundle: true,
      packages: 'external',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
    })
    built.add(out)
  }
  return out
}
