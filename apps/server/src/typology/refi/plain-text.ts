/**
 * The plain text of a source as REFI-QDA counts it: LF line ends, positions in Unicode code
 * points from 0, end exclusive. JavaScript strings index UTF-16 units, so offsets are converted.
 */
import { codePointOffset } from '../../anchors/text-anchors.ts'

export interface PlainText {
  text: string
  /** Code point position of a UTF-16 offset of the original (un-normalised) text. */
  position(utf16: number): number
}

export function plainText(original: string): PlainText {
  if (!original.includes('\r')) {
    return { text: original, position: (utf16) => codePointOffset(original, utf16) }
  }
  // CRLF and lone CR become LF; offsets after a dropped CR move back by one.
  const dropped: number[] = []
  let text = ''
  for (let i = 0; i < original.length; i += 1) {
    const ch = original[i]
    if (ch === '\r' && original[i + 1] === '\n') {
      dropped.push(i)
      continue
    }
    text += ch === '\r' ? '\n' : ch
  }
  return {
    text,
    position(utf16) {
      const shift = dropped.filter((at) => at < utf16).length
      return codePointOffset(text, utf16 - shift)
    },
  }
}
