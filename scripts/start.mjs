#!/usr/bin/env node
/**
 * `pnpm start`: builds the web app and compiles the server if either has not been built or its
 * sources changed since, then runs the Tisserand server (compiled JavaScript) in the foreground until it exits or this process is asked to stop. Once the
 * server answers, it says in plain words where to open Tisserand (and, on a fresh install, that
 * the first visit to /setup creates the owner account), besides the server's JSON log.
 *
 * The server runs in one Node process (`node dist/main.js`), without pnpm in between:
 * pnpm does not pass SIGTERM/SIGINT on to its script, which would leave the server running
 * without its clean shutdown (flush, close the database).
 *
 * No orphan: the server stays in this script's process group (a SIGKILL to the group ends both),
 * and it is tied to this script by an IPC channel, so it shuts down cleanly when this script dies
 * alone, even of a SIGKILL. A signal that reaches both (Ctrl-C reaches the whole group) is
 * harmless: the server treats a second SIGINT/SIGTERM as the same shutdown.
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { allocatorEnv } from './allocator.mjs'
import { serverBuildReason, webBuildReason } from './build-status.mjs'
import { forwardSignals, run } from './processes.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const serverDir = path.join(root, 'apps/server')

// A wrong setting stops here, before any build.
let allocator
try {
  allocator = allocatorEnv()
} catch (error) {
  console.error(error.message)
  process.exit(2)
}

const webReason = webBuildReason(root)
if (webReason) {
  console.log(`Building the web app (${webReason})…`)
  await run('pnpm', ['--filter', '@tisserand/web', 'build'], { cwd: root })
}
const serverReason = serverBuildReason(root)
if (serverReason) {
  console.log(`Compiling the server (${serverReason})…`)
  await run(process.execPath, ['build.mjs'], { cwd: serverDir })
}

const server = spawn(process.execPath, ['dist/main.js'], {
  cwd: serverDir,
  // The fourth channel is the IPC link: it closes when this script dies, however it dies.
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  // The server resolves a relative DATA_DIR against INIT_CWD: where the user ran the command.
  env: { ...process.env, ...allocator, INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
})
forwardSignals([server])

server.on('exit', (code, signal) => {
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0))
})

/** Waits for the server to answer, then tells the person at the console where to go. */
async function announce() {
  const port = Number(process.env.PORT ?? 3000)
  const host =
    !process.env.HOST || ['0.0.0.0', '::'].includes(process.env.HOST) ? 'localhost' : process.env.HOST
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  for (let attempt = 0; attempt < 600; attempt++) {
    if (server.exitCode !== null) return
    try {
      const setup = await fetch(`${url}/api/setup`).then((r) => r.json())
      const lines = [``, `Tisserand is running: open ${url} in your browser.`]
      if (setup?.needed)
        lines.push(`No account exists yet: the first visit to ${url}/setup creates the owner account.`)
      process.stderr.write(`${lines.join('\n')}\n\n`)
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}
// Port 0 means "any free port": the server's JSON log says which one.
if (process.env.PORT !== '0') void announce()
