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
  /**
   * Awareness (cursors, presence) changes are batched over this window before broadcast. 15 ms:
   * S2's cursors within 2× the stock server's (25 ms was 2.09× on a quiet machine), while the
   * presence storm S3 still costs about a quarter of its CPU (docs/benchmarks.md).
   */
  AWARENESS_FLUSH_MS: int(0, 10_000).default(15),
  /** A page's derived rows (search, links, headings) are rebuilt once its edits pause this long. */
  DERIVE_QUIET_MS: int(50, 60_000).default(1000),
  /**
   * Compare every live document with a mirror of its storage after each turn, and stop the
   * process (exit 70) on any difference: on in the test suites, a debugging aid in production.
   */
  SYNC_INVARIANT_GUARD: z
    .enum(['0', '1', 'false', 'true'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /**
   * Who wrote what and page versions (docs/history.md). `off` only to measure what they cost
   * (pnpm bench): nothing is credited and no version is captured.
   */
  HISTORY: z.enum(['on', 'off']).default('on'),
  /** A version is captured once a page has been idle this long after changes… */
  VERSION_IDLE_S: int(1, 86_400).default(300),
  /** …and at least this often while editing goes on. */
  VERSION_MAX_S: int(1, 86_400).default(900),
  /** Automatic versions: all are kept this many hours, then one an hour… */
  VERSION_KEEP_ALL_H: int(1, 24 * 365).default(24),
  /** …for this many days, then one a day. Named, restore and import versions are kept forever. */
  VERSION_KEEP_HOURLY_D: int(1, 3650).default(30),
  /** SQLite `synchronous` pragma: NORMAL survives a process crash; FULL also a power cut. */
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /** Largest JSON body accepted by the API; larger ones get 413. */
  MAX_BODY_BYTES: int(1024, 64 * 1024 ** 2).default(1024 ** 2),
  /** Largest uploaded file (images); larger ones get 413. */
  MAX_UPLOAD_BYTES: int(1024, 1024 ** 3).default(10 * 1024 ** 2),
  /** Largest import request (all its files together); larger ones get 413. */
  MAX_IMPORT_BYTES: int(1024, 1024 ** 3).default(50 * 1024 ** 2),
  /** Most bytes the entries of an imported ZIP (or DOCX) may inflate to: a ZIP bomb is refused. */
  MAX_IMPORT_UNZIPPED_BYTES: int(1024, 4 * 1024 ** 3).default(256 * 1024 ** 2),
  /** Most entries an imported ZIP (or DOCX) may hold. */
  MAX_IMPORT_ENTRIES: int(1, 1_000_000).default(5000),
  /** Creates the owner account at start when there is no user yet (unattended installs). */
  TISSERAND_ADMIN_EMAIL: z.string().email().optional(),
  TISSERAND_ADMIN_PASSWORD: z.string().min(8).optional(),
  TISSERAND_ADMIN_NAME: z.string().min(1).default('Admin'),
  /** Extra origins (comma-separated, e.g. `https://wiki.example.org`) allowed to send cookie requests. */
  PUBLIC_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** Failed sign-ins allowed per account, and per client address, in LOGIN_WINDOW_S. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: int(1, 1_000_000).default(10),
  LOGIN_MAX_FAILURES_PER_ADDRESS: int(1, 1_000_000).default(50),
  LOGIN_WINDOW_S: int(1, 86_400).default(900),
  /**
   * `postgres://user:password@host:port/database`: PostgreSQL for everything instead of the SQLite
   * file under DATA_DIR (docs/scale-out.md). Unset: SQLite, exactly as before.
   */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** Connections each instance keeps to PostgreSQL. */
  DATABASE_POOL_SIZE: int(1, 1000).default(10),
  /** `redis://host:port[/db]`: several instances on one database (needs DATABASE_URL). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  /** Prefix of every Redis key and channel: several installations may share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .default('tisserand'),
  /** How often each loaded page is checked against PostgreSQL for updates the fan-out missed. */
  FANOUT_REPAIR_MS: int(100, 600_000).default(5000),
})

export type Config = z.infer<typeof schema> & { dataDir: string }

export class ConfigError extends Error {}

/** Parses `env`; relative DATA_DIR is taken from where the user ran the command (pnpm's INIT_CWD). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset, as shells and compose files commonly write it.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const parsed = schema.safeParse(given)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  if (Boolean(parsed.data.TISSERAND_ADMIN_EMAIL) !== Boolean(parsed.data.TISSERAND_ADMIN_PASSWORD)) {
    throw new ConfigError(
      'Invalid configuration:\n  TISSERAND_ADMIN_EMAIL and TISSERAND_ADMIN_PASSWORD go together',
    )
  }
  if (parsed.data.REDIS_URL && !parsed.data.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_URL needs DATABASE_URL: several instances share one PostgreSQL database',
    )
  }
  const baseDir = env.INIT_CWD ?? process.cwd()
  return { ...parsed.data, dataDir: path.resolve(baseDir, parsed.data.DATA_DIR) }
}
