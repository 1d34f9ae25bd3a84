/** Types of scripts/allocator.mjs, for the test servers written in TypeScript. */
export function jemallocLibrary(): string | null
export function allocatorEnv(env?: Record<string, string | undefined>): { LD_PRELOAD?: string }
