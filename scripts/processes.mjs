/** Child-process helpers shared by scripts/start.mjs and scripts/dev.mjs. */
import { spawn } from 'node:child_process'

/** Runs a command to completion with inherited output; rejects (and so stops the script) on failure. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (code === 0) resolve()
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`))
    })
  })
}

/**
 * Passes SIGINT, SIGTERM and SIGHUP on to the children and lets them decide when to exit; the
 * caller exits when they do. A child that also got the signal from its process group receives it
 * twice: the children treat a repeated signal as the same request.
 */
export function forwardSignals(children) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      for (const child of children) {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      }
    })
  }
}
