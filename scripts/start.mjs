#!/usr/bin/env node
/**
 * `pnpm start`: builds the web app if it has not been built, then runs the Tisserand server in the
 * foreground until it exits or this process is asked to stop.
 *
 * The server runs the same command as `pnpm --filter @tisserand/server start` (tsx src/main.ts),
 * but without pnpm in between: pnpm does not pass SIGTERM/SIGINT on to its script, which would
 * leave the server running without its clean shutdown (flush, close the database).
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { forwardSignals, run } from './processes.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const serverDir = path.join(root, 'apps/server')

if (!existsSync(path.join(root, 'apps/web/dist/index.html'))) {
  console.log('Building the web app (apps/web/dist is missing)…')
  await run('pnpm', ['--filter', '@tisserand/web', 'build'], { cwd: root })
}

const tsxCli = createRequire(path.join(serverDir, 'package.json')).resolve('tsx/cli')
const server = spawn(process.execPath, [tsxCli, 'src/main.ts'], {
  cwd: serverDir,
  stdio: 'inherit',
  // Its own process group: a Ctrl-C in the terminal reaches only this script, which passes it on
  // once. Reaching the server twice would cut its shutdown short.
  detached: true,
  // The server resolves a relative DATA_DIR against INIT_CWD: where the user ran the command.
  env: { ...process.env, INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
})
forwardSignals([server])

server.on('exit', (code, signal) => {
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0))
})
