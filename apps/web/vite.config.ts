import react from '@vitejs/plugin-react'
import { defineConfig, loadEnv } from 'vite'

// In development the Tisserand server runs beside Vite; everything that is not the app goes to it.
// TISSERAND_SERVER_URL lets `pnpm dev` point the proxy at a server on another port.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, '.', 'TISSERAND_')
  const server = env.TISSERAND_SERVER_URL ?? 'http://localhost:3000'
  return {
    plugins: [react()],
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
