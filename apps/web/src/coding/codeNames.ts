/**
 * How a code is named where several codes share a label: the seed has two "Gouvernance
 * collaborative" (under "Types d'innovations" and under "Modalités de gouvernance"). A label used
 * once is shown as it is; a shared one gets its parent in front: "Modalités de gouvernance ›
 * Gouvernance collaborative".
 */
import { fold } from './codeTree.ts'

export interface NamedCode {
  label: string
  /** Labels from the dimension down to this code. */
  path: string[]
}

export const PATH_SEPARATOR = ' › '

/** The folded labels that more than one of `codes` carries. */
export function sharedLabels(codes: readonly { label: string }[]): Set<string> {
  const seen = new Set<string>()
  const shared = new Set<string>()
  for (const code of codes) {
    const key = fold(code.label.trim())
    if (seen.has(key)) shared.add(key)
    seen.add(key)
  }
  return shared
}

export function codeName(code: NamedCode, shared: Set<string>): string {
  if (!shared.has(fold(code.label.trim())) || code.path.length < 2) return code.label
  return `${code.path[code.path.length - 2]}${PATH_SEPARATOR}${code.label}`
}

/** A naming function for one list of codes. */
export function codeNamer(codes: readonly NamedCode[]): (code: NamedCode) => string {
  const shared = sharedLabels(codes)
  return (code) => codeName(code, shared)
}
