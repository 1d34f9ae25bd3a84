import pino from 'pino'

export type Logger = pino.Logger

/** JSON lines on stdout; secrets never reach a log line because callers only log ids and counts. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'tisserand' } })
}
