/**
 * Registers the service worker that keeps the app shell (production builds only: in development
 * Vite serves modules that change at every edit). `data-offline-shell` on <html> says when the
 * shell is kept, for tests and support.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(
      () =>
        navigator.serviceWorker.ready.then(() => {
          document.documentElement.dataset.offlineShell = 'ready'
        }),
      (error: unknown) => console.warn('Tisserand: the app will not open offline', error),
    )
  })
}
