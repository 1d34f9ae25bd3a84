/** Steps of the offline tests: the kept app shell, what IndexedDB holds, the server's view of a page. */
import { type BrowserContext, expect, type Page } from '@playwright/test'

/** Waits until the service worker keeps the app shell and controls the page. */
export async function shellKept(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-offline-shell', 'ready', { timeout: 20_000 })
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
}

/** The names of every IndexedDB database of the page's origin. */
export async function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''))
}

/** Whether any IndexedDB database of the origin holds `text` anywhere (in any store, as bytes too). */
export async function indexedDbContains(page: Page, text: string): Promise<boolean> {
  return page.evaluate(async (wanted) => {
    const encoded = new TextEncoder().encode(wanted)
    const holds = (bytes: Uint8Array) => {
      outer: for (let i = 0; i + encoded.length <= bytes.length; i++) {
        for (let j = 0; j < encoded.length; j++) if (bytes[i + j] !== encoded[j]) continue outer
        return true
      }
      return false
    }
    const search = (value: unknown): boolean => {
      if (value === null || value === undefined) return false
      if (typeof value === 'string') return value.includes(wanted)
      if (value instanceof Uint8Array) return holds(value)
      if (value instanceof ArrayBuffer) return holds(new Uint8Array(value))
      if (Array.isArray(value)) return value.some(search)
      if (typeof value === 'object') return Object.values(value).some(search)
      return false
    }
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name as string)
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
      try {
        for (const storeName of Array.from(db.objectStoreNames)) {
          const all = await new Promise<unknown[]>((resolve, reject) => {
            const req = db.transaction(storeName, 'readonly').objectStore(storeName).getAll()
            req.onsuccess = () => resolve(req.result)
            req.onerror = () => reject(req.error)
          })
          if (all.some(search)) return true
        }
      } finally {
        db.close()
      }
    }
    return false
  }, text)
}

export async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true)
  await expect(page.locator('[data-sync-state]')).toHaveAttribute('data-sync-state', 'offline')
}

/**
 * Lets the editor take in what was just typed: ProseMirror reads typed text from the DOM a moment
 * later (up to 20 ms), so a tab reloaded or a session ended within that moment never had it.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 60)))
}
