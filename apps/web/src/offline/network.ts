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

function set(next: boolean): void {
  if (next === online) return
  online = next
  for (const listener of [...listeners]) listener()
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
