/** Random identifiers and secrets, and the one-way hashes under which secrets are stored. */
import { createHash, randomBytes } from 'node:crypto'

/** A short random id for rows that appear in URLs (pages, workspaces, users). */
export function newId(): string {
  return randomBytes(12).toString('base64url')
}

/** A bearer secret (session cookie, API token, invite link): 256 random bits. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

/** Secrets are high-entropy, so a fast hash is enough to make a leaked table useless. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url')
}
