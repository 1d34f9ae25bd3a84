/**
 * Tisserand's service worker: keeps the app shell (index.html and every built asset) so that the
 * app opens without a network. Built by the plugin in vite.config.ts, which replaces the two
 * __TISSERAND_…__ placeholders with the build's file list and its hash.
 *
 * It keeps nothing of any user: API answers and page bodies live in each user's own IndexedDB
 * store (offline/store.ts), which sign-out removes. API calls, the sync socket and the event
 * stream are never answered from here.
 *
 * - Navigations: the network first (a new version shows as soon as it is deployed), the kept
 *   index.html when the server cannot be reached or takes more than NAVIGATION_TIMEOUT_MS.
 * - /assets/*: hashed names, so the kept copy is always right; cached on first use otherwise.
 *
 * Written against the DOM types the rest of the app uses; the few service-worker types it needs
 * are declared below.
 */

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request
  respondWith(response: Promise<Response> | Response): void
}
interface WorkerScope {
  skipWaiting(): Promise<void>
  clients: { claim(): Promise<void> }
  location: Location
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void
}

const scope = self as unknown as WorkerScope

declare const __TISSERAND_BUILD__: string
declare const __TISSERAND_FILES__: string[]

const BUILD = __TISSERAND_BUILD__
const FILES = __TISSERAND_FILES__
const SHELL = `tisserand-shell-${BUILD}`
const NAVIGATION_TIMEOUT_MS = 4000

scope.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL)
      await cache.addAll(['/index.html', ...FILES.map((file) => `/${file}`)])
      await scope.skipWaiting()
    })(),
  )
})

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith('tisserand-shell-') && name !== SHELL) await caches.delete(name)
      await scope.clients.claim()
    })(),
  )
})

function isApp(url: URL): boolean {
  return !/^\/(api|collab|metrics)(\/|$)/.test(url.pathname)
}

async function openApp(request: Request): Promise<Response> {
  const cache = await caches.open(SHELL)
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('slow')), NAVIGATION_TIMEOUT_MS)),
    ])
    if (response.ok) return response
    return (await cache.match('/index.html')) ?? response
  } catch {
    const shell = await cache.match('/index.html')
    if (shell) return shell
    throw new Error('offline and no app shell kept')
  }
}

async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(SHELL)
  const kept = await cache.match(request)
  if (kept) return kept
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

scope.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== scope.location.origin || !isApp(url)) return
  if (request.mode === 'navigate') event.respondWith(openApp(request))
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request))
  else event.respondWith(fetch(request).catch(async () => (await caches.match(request)) ?? Response.error()))
})

// A module for the type-checker (its names stay its own); the build drops this line.
export {}
