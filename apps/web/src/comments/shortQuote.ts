/** A quoted passage cut to about `max` characters at a word boundary, ending with "…" when cut. */
export function shortQuote(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.!?]+$/, '')}…`
}
