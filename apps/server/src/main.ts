/** Entry point: configuration from the environment, then serve until SIGTERM/SIGINT. */
import { ConfigError, loadConfig } from './config.ts'
import { createLogger } from './ops/logger.ts'
import { startServer } from './server.ts'

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(2)
    }
    throw error
  }
  const logger = createLogger(config.LOG_LEVEL)
  // The handlers are in place before the server starts: it logs "listening" from inside
  // startServer, and a signal right after that line must still get the clean shutdown.
  const starting = startServer(config, logger)
  let stopping = false
  const stop = (signal: string) => {
    // Ctrl-C reaches the launcher and the server alike, and the launcher passes it on too.
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    starting
      .then((server) => server.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed')
          process.exit(1)
        },
      )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  // Started by scripts/start.mjs: its IPC channel closes when the launcher dies, even of a SIGKILL.
  if (process.channel) {
    process.on('disconnect', () => stop('launcher exited'))
    process.channel.unref()
  }
  // A failure to start reaches main's catch below.
  await starting
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Tisserand failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exit(1)
})
