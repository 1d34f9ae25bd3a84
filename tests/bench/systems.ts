/** The systems under test and the floors that run as servers, and how each one is launched. */
import { join } from 'node:path'
import { allocatorEnv } from '../../scripts/allocator.mjs'
import { OWNER_ENV } from '../support/api.ts'
import { compiledPeer, compiledServer } from './compiled.ts'
import { BENCH_DIR, type LaunchSpec, REPO_ROOT } from './process.ts'

export type SystemId =
  | 'tisserand'
  | 'tisserand-no-history'
  | 'yws-memory'
  | 'yws-sqlite'
  | 'hocuspocus'
  | 'relay'

export interface SystemDef {
  id: SystemId
  label: string
  protocol: 'y-websocket' | 'hocuspocus'
  /** Keeps documents across a restart. */
  persistent: boolean
  /** A floor rather than a system (the ws relay). */
  floor: boolean
  /** Whether a server answers the client's sync step 1 (the relay does not). */
  serverSync: boolean
  launch(dataDir: string): LaunchSpec
}

/** Tisserand runs on the allocator `pnpm start` gives it (jemalloc when installed); the peers on Node's. */
const allocator = allocatorEnv()
const onAllocator = allocator.LD_PRELOAD ? ', on jemalloc' : ''

/** The compiled Tisserand server as the benchmark runs it, with `env` besides. */
const tisserand = (dataDir: string, env: Record<string, string> = {}): LaunchSpec => ({
  nodeArgs: [compiledServer()],
  // info: the level of its one "listening" line; nothing else logs at info.
  env: {
    ...OWNER_ENV,
    ...allocator,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    ...env,
  },
  cwd: REPO_ROOT,
})

const peer = (file: string, env: Record<string, string> = {}): LaunchSpec => ({
  nodeArgs: [compiledPeer(file)],
  env,
  cwd: BENCH_DIR,
})

export const SYSTEMS: Record<SystemId, SystemDef> = {
  tisserand: {
    id: 'tisserand',
    label: `Tisserand (SQLite, durable before visible${onAllocator})`,
    protocol: 'y-websocket',
    persistent: true,
    floor: false,
    serverSync: true,
    launch: (dataDir) => tisserand(dataDir),
  },
  // Only for the history benchmark (history.ts): the same server with HISTORY=off, to measure what
  // authorship recording and version capture cost.
  'tisserand-no-history': {
    id: 'tisserand-no-history',
    label: `Tisserand with HISTORY=off${onAllocator}`,
    protocol: 'y-websocket',
    persistent: true,
    floor: false,
    serverSync: true,
    launch: (dataDir) => tisserand(dataDir, { HISTORY: 'off' }),
  },
  'yws-memory': {
    id: 'yws-memory',
    label: 'y-websocket server 0.1.0 (in memory)',
    protocol: 'y-websocket',
    persistent: false,
    floor: false,
    serverSync: true,
    launch: () => peer('ywsServer.ts'),
  },
  'yws-sqlite': {
    id: 'yws-sqlite',
    label: 'y-websocket server 0.1.0 + SQLite per update',
    protocol: 'y-websocket',
    persistent: true,
    floor: false,
    serverSync: true,
    launch: (dataDir) => peer('ywsServer.ts', { BENCH_SQLITE: join(dataDir, 'yws.sqlite') }),
  },
  hocuspocus: {
    id: 'hocuspocus',
    label: 'Hocuspocus 4.7 + SQLite extension',
    protocol: 'hocuspocus',
    persistent: true,
    floor: false,
    serverSync: true,
    launch: (dataDir) => peer('hocuspocusServer.ts', { BENCH_SQLITE: join(dataDir, 'hocuspocus.sqlite') }),
  },
  relay: {
    id: 'relay',
    label: 'floor: plain ws relay (no Yjs)',
    protocol: 'y-websocket',
    persistent: false,
    floor: true,
    serverSync: true,
    launch: () => peer('relayServer.ts'),
  },
}

/** What `pnpm bench` compares side by side (the history variant runs in history.ts). */
export const ALL_SYSTEM_IDS: SystemId[] = ['tisserand', 'yws-memory', 'yws-sqlite', 'hocuspocus', 'relay']
export const KNOWN_SYSTEM_IDS: SystemId[] = [...ALL_SYSTEM_IDS, 'tisserand-no-history']
