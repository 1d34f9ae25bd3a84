/**
 * House rules, checked by `pnpm lint` (docs/architecture.md explains them). Each rule's name is
 * what a violation prints. Tests are exempt: they may reach into any module they test.
 */
const FEATURES = '(accounts|workspaces|pages|wiki|comments|typology|history|documents|rounds|quotations)'
const PLATFORM = '(http|sync|store|derive|access|search|ops|anchors|cluster)'
const SERVER = '^apps/server/src/'
const TESTS = ['^tests/', '\\.test\\.tsx?$']

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules must not import each other in a circle, directly or through others.',
      severity: 'error',
      from: { pathNot: TESTS },
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-feature',
      comment:
        'Platform folders (http, sync, store, derive, access, search, ops, anchors, config.ts, errors.ts) sit below the features and know none of them.',
      severity: 'error',
      from: { path: [`${SERVER}${PLATFORM}/`, `${SERVER}(config|errors)\\.ts$`], pathNot: TESTS },
      to: { path: `${SERVER}${FEATURES}/` },
    },
    {
      name: 'feature-through-index',
      comment: "A feature imports another feature only through that feature's index.ts.",
      severity: 'error',
      from: { path: `${SERVER}${FEATURES}/`, pathNot: TESTS },
      to: { path: `${SERVER}${FEATURES}/(?!index\\.ts$)`, pathNot: `${SERVER}$1/` },
    },
    {
      name: 'composition-through-index',
      comment: 'server.ts, routes.ts and main.ts reach features only through their index.ts.',
      severity: 'error',
      from: { path: `${SERVER}(server|routes|main|cli)\\.ts$`, pathNot: TESTS },
      to: { path: `${SERVER}${FEATURES}/(?!index\\.ts$)` },
    },
    {
      name: 'packages-import-no-app',
      comment: 'packages/ are shared by the apps: they import nothing from apps/.',
      severity: 'error',
      from: { path: '^packages/', pathNot: TESTS },
      to: { path: '^apps/' },
    },
    {
      name: 'web-imports-no-server',
      comment: 'The web app shares code with the server only through packages/.',
      severity: 'error',
      from: { path: '^apps/web/', pathNot: TESTS },
      to: { path: '^apps/server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    // Type-only imports are dependencies too: a cycle through types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
