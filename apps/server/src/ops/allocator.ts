/**
 * The memory allocator this process runs on, as the start-up log reports it: jemalloc when the
 * launcher preloaded it (scripts/allocator.mjs says why), otherwise the system's malloc.
 */
import fs from 'node:fs'

export function memoryAllocator(): 'jemalloc' | 'system' {
  try {
    return fs.readFileSync('/proc/self/maps', 'utf8').includes('libjemalloc') ? 'jemalloc' : 'system'
  } catch {
    // Not Linux: whatever the platform's own allocator is.
    return 'system'
  }
}
