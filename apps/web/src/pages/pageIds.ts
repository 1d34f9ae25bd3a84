/**
 * Page ids are what appears in a page's URL (/p/<id>) and names its document on the server:
 * lowercase ASCII letters, digits and single hyphens, so that they read well when shared.
 */

export const maxPageIdLength = 64

/** "Fiche de cas — Épicerie solidaire" → "fiche-de-cas-epicerie-solidaire"; '' if nothing is left. */
export function pageIdFromName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxPageIdLength)
    .replace(/-+$/, '')
}

/** A fresh id nobody will guess or collide with: 12 characters of base 36 (about 62 bits). */
export function randomPageId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  // Modulo over 32-bit values: the bias towards some letters is negligible.
  const values = crypto.getRandomValues(new Uint32Array(12))
  return Array.from(values, (value) => alphabet[value % alphabet.length]).join('')
}

export function pagePath(pageId: string): string {
  return `/p/${encodeURIComponent(pageId)}`
}
