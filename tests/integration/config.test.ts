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
