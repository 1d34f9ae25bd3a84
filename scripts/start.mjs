#!/usr/bin/env node
/**
 * `pnpm start`: builds the web app if it has not been built, then runs the Tisserand server in the
 * foreground until it exits or this process is asked to stop.
 *
 * The server runs in one Node process (`node --import tsx src/main.ts`), without pnpm in between:
 * pnpm does not pass SIGTERM/SIGINT on to its script, which would leave the server running
 * without its clean shutdown (flush, close the database).
 *
 * No orphan: the server stays in this script's process group (a SIGKILL to the group ends both),
 * and it is tied to this script by an IPC channel, so it shuts down cleanly when this script dies
 * alone, even of a SIGKILL. A signal that reaches both (Ctrl-C reaches the whole group) is
 * harmless: the server treats a second SIGINT/SIGTERM as the same shutdown.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { forwardSignals, run } from './processes.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const serverDir = path.join(root, 'apps/server')

if (!existsSync(path.join(root, 'apps/web/dist/index.html'))) {
  console.log('Building the web app (apps/web/dist is missing)…')
  await run('pnpm', ['--filter', '@tisserand/web', 'build'], { cwd: root })
}

const tsxLoader = createRequire(path.join(serverDir, 'package.json')).resolve('tsx')
const server = spawn(process.execPath, ['--import', pathToFileURL(tsxLoader).href, 'src/main.ts'], {
  cwd: serverDir,
  // The fourth channel is the IPC link: it closes when this script dies, however it dies.
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  // The server resolves a relative DATA_DIR against INIT_CWD: where the user ran the command.
  env: { ...process.env, INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
})
forwardSignals([server])

server.on('exit', (code, signal) => {
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0))
})
