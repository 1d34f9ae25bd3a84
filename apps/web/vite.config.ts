import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import react from '@vitejs/plugin-react'
import { defineConfig, loadEnv, type Plugin, transformWithOxc } from 'vite'

/**
 * Emits sw.js (src/offline/service-worker.ts) with the list of every file of the build, so the
 * service worker can keep the whole app shell. Written here rather than with vite-plugin-pwa:
 * that plugin brings workbox-build (Babel, a second bundler, fifteen workbox packages) to produce
 * a worker of a hundred lines whose policy is ours anyway (docs/offline.md).
 */
function serviceWorker(): Plugin {
  const source = new URL('./src/offline/service-worker.ts', import.meta.url)
  return {
    name: 'tisserand-service-worker',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((file) => !file.endsWith('.map') && file !== 'index.html')
        .sort()
      const build = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16)
      const { code } = await transformWithOxc(readFileSync(source, 'utf8'), 'service-worker.ts', {
        lang: 'ts',
      })
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: code
          .replace(/^export \{\s*\};?\s*$/m, '')
          .replace('__TISSERAND_BUILD__', JSON.stringify(build))
          .replace('__TISSERAND_FILES__', JSON.stringify(files)),
      })
    },
  }
}

// In development the Tisserand server runs beside Vite; everything that is not the app goes to it.
// TISSERAND_SERVER_URL lets `pnpm dev` point the proxy at a server on another port.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, '.', 'TISSERAND_')
  const server = env.TISSERAND_SERVER_URL ?? 'http://localhost:3000'
  return {
    plugins: [react(), serviceWorker()],
    server: {
      proxy: {
        '/api': { target: server },
        '/metrics': { target: server },
        '/collab': { target: server, ws: true },
      },
    },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
    },
  }
})
