/**
 * PostgreSQL and Redis for the tests that need them (the scale suite, the search suite on both
 * stores). Each test makes its own database and Redis key prefix and removes them. A missing
 * service fails the test at once with a message saying so: these tests never skip.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)

/** Where the tests reach PostgreSQL as a user allowed to create databases. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
/** How this machine starts Redis (docs/operations.md); tests that stop it start it again so. */
export const REDIS_START = [
  'redis-server',
  [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '-::1',
    '--port',
    '6379',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    '/var/lib/redis',
    '--logfile',
    '/var/log/redis/ci.log',
  ],
] as const

export interface TestDatabase {
  name: string
  url: string
  /** A pool on the test database (closed by drop). */
  pool: pg.Pool
  drop(): Promise<void>
}

function urlFor(name: string): string {
  const url = new URL(PG_ADMIN_URL)
  url.pathname = `/${name}`
  return url.toString()
}

/** Runs `work` on a connection to the admin database. */
export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult<T>> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_ADMIN_URL} (${String(error)}): this test needs it. ` +
        '.ci/run starts it; by hand: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    )
  }
  try {
    return await client.query<T>(text, values)
  } finally {
    await client.end()
  }
}

/** A fresh, empty database; the server migrates it when it starts. */
export async function createDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `tisserand_${label}_${randomBytes(4).toString('hex')}`
  await adminQuery(`CREATE DATABASE ${name}`)
  const url = urlFor(name)
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  pool.on('error', () => {})
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end().catch(() => {})
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}

export async function redisCli(...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-u', REDIS_URL, ...args])
  return stdout.trim()
}

/** Checks that Redis answers, and gives a key prefix of its own; `clear` removes its keys. */
export async function redisPrefix(label = 'test'): Promise<{ prefix: string; clear(): Promise<void> }> {
  let pong = ''
  try {
    pong = await redisCli('ping')
  } catch (error) {
    pong = String(error)
  }
  if (pong !== 'PONG')
    throw new Error(
      `Redis is not reachable at ${REDIS_URL} (${pong}): this test needs it. .ci/run starts it; by hand: ${REDIS_START[0]} ${REDIS_START[1].join(' ')}`,
    )
  const prefix = `tisserand-${label}-${randomBytes(4).toString('hex')}`
  return {
    prefix,
    async clear() {
      const keys = (await redisCli('--scan', '--pattern', `${prefix}:*`).catch(() => ''))
        .split('\n')
        .filter(Boolean)
      if (keys.length > 0) await redisCli('del', ...keys).catch(() => '')
    },
  }
}
