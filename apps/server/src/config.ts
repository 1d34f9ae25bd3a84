/**
 * Server configuration, read once from environment variables and validated at start.
 * A bad value stops the process with a message naming the variable, never a silent default.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, '../../..')

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

const schema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('data'),
  WEB_DIST: z.string().min(1).default(path.join(repoRoot, 'apps/web/dist')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest WebSocket frame accepted; larger ones close the socket with 1009. */
  MAX_MESSAGE_BYTES: int(1024, 1024 ** 3).default(16 * 1024 ** 2),
  /** A client whose unsent backlog passes this is disconnected (1013) rather than buffered. */
  MAX_BUFFERED_BYTES: int(1024, 1024 ** 3).default(32 * 1024 ** 2),
  /** Appended updates of one document that trigger a compaction into its snapshot. */
  COMPACT_THRESHOLD: int(2, 1_000_000).default(500),
  /** How long a document with no connection stays in memory before it is compacted and unloaded. */
  UNLOAD_GRACE_MS: int(0, 3_600_000).default(10_000),
  /** Awareness (cursors, presence) changes are batched over this window before broadcast. */
  AWARENESS_FLUSH_MS: int(0, 1000).default(25),
  /** SQLite `synchronous` pragma: NORMAL survives a process crash; FULL also a power cut. */
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
})

export type Config = z.infer<typeof schema> & { dataDir: string }

export class ConfigError extends Error {}

/** Parses `env`; relative DATA_DIR is taken from where the user ran the command (pnpm's INIT_CWD). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const baseDir = env.INIT_CWD ?? process.cwd()
  return { ...parsed.data, dataDir: path.resolve(baseDir, parsed.data.DATA_DIR) }
}
