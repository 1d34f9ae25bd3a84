#!/usr/bin/env node
/**
 * `pnpm dev`: the Tisserand server (restarted by tsx on every change) and Vite's dev server (hot
 * reload, proxying /api, /metrics and /collab to the server). Open the address Vite prints.
 * Ctrl-C stops both; if either one exits, the other is stopped too.
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { forwardSignals } from './processes.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const serverDir = path.join(root, 'apps/server')
const webDir = path.join(root, 'apps/web')
const port = process.env.PORT ?? '3000'
const initCwd = process.env.INIT_CWD ?? process.cwd()

const tsxCli = createRequire(path.join(serverDir, 'package.json')).resolve('tsx/cli')
const viteCli = path.join(webDir, 'node_modules/vite/bin/vite.js')

// Each child in its own process group, so that a Ctrl-C reaches it once, through forwardSignals.
const children = [
  spawn(process.execPath, [tsxCli, 'watch', 'src/main.ts'], {
    cwd: serverDir,
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, PORT: port, INIT_CWD: initCwd },
  }),
  spawn(process.execPath, [viteCli], {
    cwd: webDir,
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, TISSERAND_SERVER_URL: `http://localhost:${port}` },
  }),
]
forwardSignals(children)

let exitCode = 0
for (const child of children) {
  child.on('exit', (code) => {
    if (code) exitCode = code
    for (const other of children) {
      if (other.exitCode === null && other.signalCode === null) other.kill('SIGTERM')
    }
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(exitCode)
  })
}
