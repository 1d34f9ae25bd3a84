/** Small builders for ProseMirror JSON in the shared editor schema, for bodies the server writes. */

export type PmJson = { type: string; attrs?: Record<string, unknown>; content?: PmJson[]; text?: string }

export type Inline = string | PmJson

function inline(parts: Inline[]): PmJson[] {
  return parts
    .filter((part) => part !== '')
    .map((part) => (typeof part === 'string' ? { type: 'text', text: part } : part))
}

export const doc = (...content: PmJson[]): PmJson => ({ type: 'doc', content })
export const heading = (level: number, text: string): PmJson => ({
  type: 'heading',
  attrs: { level },
  content: inline([text]),
})
export const paragraph = (...parts: Inline[]): PmJson => ({ type: 'paragraph', content: inline(parts) })
export const italic = (text: string): PmJson =>
  ({ type: 'text', text, marks: [{ type: 'italic' }] }) as PmJson
export const bold = (text: string): PmJson => ({ type: 'text', text, marks: [{ type: 'bold' }] }) as PmJson
export const pageLink = (pageId: string): PmJson => ({ type: 'pageLink', attrs: { pageId } })

/** A bullet list; an item is a line of text, or a line with a nested list under it. */
export type ListItem = Inline | Inline[] | { line: Inline[]; children: ListItem[] }

export function bulletList(items: ListItem[]): PmJson {
  return {
    type: 'bulletList',
    content: items.map((item) => {
      if (typeof item === 'object' && !Array.isArray(item) && 'line' in item)
        return { type: 'listItem', content: [paragraph(...item.line), bulletList(item.children)] }
      return { type: 'listItem', content: [paragraph(...(Array.isArray(item) ? item : [item]))] }
    }),
  }
}
