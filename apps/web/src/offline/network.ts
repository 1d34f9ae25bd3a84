/**
 * Whether the server can be reached, as the app last saw it: the browser's own online/offline
 * events, corrected by what requests find (a fetch that fails means unreachable, any answer means
 * reachable). Observable, for the header's status and the offline engine.
 */

const listeners = new Set<() => void>()
let unreachable = false

function browserOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false
}

let online = browserOnline()
let probeTimer: ReturnType<typeof setTimeout> | undefined

function set(next: boolean): void {
  if (next === online) return
  online = next
  for (const listener of [...listeners]) listener()
}

/**
 * The browser says it is online but the server did not answer: ask the server now and then,
 * since nothing else would tell that it is back (the browser's `online` event does not fire).
 */
function probeSoon(): void {
  if (probeTimer !== undefined || typeof fetch === 'undefined') return
  probeTimer = setTimeout(async () => {
    probeTimer = undefined
    if (!unreachable) return
    if (!browserOnline()) return probeSoon()
    try {
      const response = await fetch('/api/health', { cache: 'no-store' })
      if (response.ok) {
        unreachable = false
        set(true)
        return
      }
    } catch {
      // Still unreachable.
    }
    probeSoon()
  }, 10_000)
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    unreachable = false
    set(true)
  })
  window.addEventListener('offline', () => set(false))
}

export const network = {
  isOnline: (): boolean => online,
  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  /** A request got no answer at all. */
  markUnreachable(): void {
    unreachable = true
    set(false)
    probeSoon()
  },
  /** A request got an answer (any status): the server is there. */
  markReachable(): void {
    unreachable = false
    set(browserOnline())
  },
  get unreachable(): boolean {
    return unreachable
  },
}

/** Resolves when the network is back (at once if it is). */
export function whenOnline(): Promise<void> {
  if (online) return Promise.resolve()
  return new Promise((resolve) => {
    const stop = network.subscribe(() => {
      if (!online) return
      stop()
      resolve()
    })
  })
}
