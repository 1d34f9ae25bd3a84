/**
 * The house rules of .dependency-cruiser.cjs (run by `pnpm lint` on the real tree) fail on a
 * deliberate violation of each, named by the rule, and let the allowed imports through.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { cruise, type ICruiseResult, type IFlattenedRuleSet } from 'dependency-cruiser'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { repoRoot } from '../support/server.ts'

const config = createRequire(import.meta.url)(path.join(repoRoot, '.dependency-cruiser.cjs')) as {
  forbidden: { name: string }[]
  options: Record<string, unknown>
}

/** A tree shaped like the repository, one file per line: path → what it imports. */
const FIXTURE: Record<string, string[]> = {
  // Allowed: a feature uses its own files, another feature's index, and the platform.
  'apps/server/src/pages/index.ts': ['./pages.ts'],
  'apps/server/src/pages/pages.ts': ['../store/ids.ts'],
  'apps/server/src/store/ids.ts': [],
  'apps/server/src/wiki/links.ts': ['../pages/index.ts', '../http/route-table.ts'],
  'apps/server/src/http/route-table.ts': ['../access/policy.ts'],
  'apps/server/src/access/policy.ts': ['../../../../packages/api-types/src/index.ts'],
  'packages/api-types/src/index.ts': [],
  'apps/server/src/routes.ts': ['./pages/index.ts', './http/route-table.ts'],
  // Tests reach into anything.
  'tests/integration/pages.test.ts': ['../../apps/server/src/pages/pages.ts'],
  // Violations, one per rule.
  'apps/server/src/ops/first.ts': ['./second.ts'],
  'apps/server/src/ops/second.ts': ['./first.ts'],
  'apps/server/src/derive/uses-a-feature.ts': ['../pages/index.ts'],
  'apps/server/src/errors.ts': ['./wiki/index.ts'],
  'apps/server/src/wiki/index.ts': ['./links.ts'],
  'apps/server/src/wiki/reaches-in.ts': ['../pages/pages.ts'],
  'apps/server/src/server.ts': ['./pages/pages.ts'],
  'packages/editor-schema/src/index.ts': ['../../../apps/web/src/App.tsx'],
  'apps/web/src/App.tsx': ['../../server/src/http/route-table.ts'],
}

let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tisserand-house-rules-'))
  for (const [file, imports] of Object.entries(FIXTURE)) {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true })
    const lines = imports.map((target, i) => `import * as m${i} from '${target}'\nvoid m${i}`)
    fs.writeFileSync(
      path.join(dir, file),
      `${lines.join('\n')}\nexport const here = ${JSON.stringify(file)}\n`,
    )
  }
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

test('each house rule fails on its deliberate violation, and only there', async () => {
  const { tsConfig: _repoOnly, ...options } = config.options
  const previous = process.cwd()
  process.chdir(dir)
  let result: ICruiseResult
  try {
    const reporting = await cruise(['apps', 'packages', 'tests'], {
      ...options,
      baseDir: dir,
      validate: true,
      ruleSet: { forbidden: config.forbidden } as IFlattenedRuleSet,
    })
    result = reporting.output as ICruiseResult
  } finally {
    process.chdir(previous)
  }
  const found = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort()
  expect(found).toEqual(
    [
      'no-circular: apps/server/src/ops/first.ts → apps/server/src/ops/second.ts',
      'platform-imports-no-feature: apps/server/src/derive/uses-a-feature.ts → apps/server/src/pages/index.ts',
      'platform-imports-no-feature: apps/server/src/errors.ts → apps/server/src/wiki/index.ts',
      'feature-through-index: apps/server/src/wiki/reaches-in.ts → apps/server/src/pages/pages.ts',
      'composition-through-index: apps/server/src/server.ts → apps/server/src/pages/pages.ts',
      'packages-import-no-app: packages/editor-schema/src/index.ts → apps/web/src/App.tsx',
      'web-imports-no-server: apps/web/src/App.tsx → apps/server/src/http/route-table.ts',
    ].sort(),
  )
  // Every rule of the config is proven by the fixture.
  expect(new Set(result.summary.violations.map((v) => v.rule.name))).toEqual(
    new Set(config.forbidden.map((rule) => rule.name)),
  )
})
