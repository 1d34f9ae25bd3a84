import { expect, test } from 'vitest'
import { startServer } from '../support/server.ts'

test('a bad configuration value stops the start with a message naming the variable', async () => {
  const failure = await startServer({ env: { PORT: 'trois-mille', COMPACT_THRESHOLD: '1' } }).then(
    () => null,
    (error: Error) => error.message,
  )
  expect(failure).toContain('exited with 2')
  expect(failure).toContain('PORT')
  expect(failure).toContain('COMPACT_THRESHOLD')
})

test('REDIS_URL without DATABASE_URL, or a DATABASE_URL that is not postgres://, stops the start', async () => {
  const alone = await startServer({ env: { REDIS_URL: 'redis://127.0.0.1:6379' } }).then(
    () => null,
    (error: Error) => error.message,
  )
  expect(alone).toContain('exited with 2')
  expect(alone).toContain('REDIS_URL needs DATABASE_URL')
  const wrong = await startServer({ env: { DATABASE_URL: 'mysql://db/tisserand' } }).then(
    () => null,
    (error: Error) => error.message,
  )
  expect(wrong).toContain('exited with 2')
  expect(wrong).toContain('DATABASE_URL')
})
