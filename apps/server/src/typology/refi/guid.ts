/** REFI-QDA identifies everything by GUID: codes already are UUIDs; other rows get a stable one. */
import { createHash } from 'node:crypto'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The same id always gives the same GUID, so exports of one study are comparable over time. */
export function guidFor(kind: string, id: string): string {
  if (kind === 'code' && UUID.test(id)) return id.toUpperCase()
  const hex = createHash('sha1').update(`tisserand:${kind}:${id}`).digest('hex')
  // Shaped as a version 5 (name-based) UUID.
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`.toUpperCase()
}

export function isGuid(value: string): boolean {
  return UUID.test(value.replace(/^\{|\}$/g, ''))
}
