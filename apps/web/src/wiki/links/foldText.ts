/** Lower case without accents, so that "ecole" finds "École" in page titles. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
}

/** Pages whose title matches the query, best first: title starts with it, a word does, it appears. */
export function rankTitles<T extends { title: string }>(
  items: readonly T[],
  query: string,
  limit: number,
): T[] {
  const q = foldText(query.trim())
  if (q === '') return items.slice(0, limit)
  const scored: { item: T; score: number }[] = []
  for (const item of items) {
    const title = foldText(item.title)
    const at = title.indexOf(q)
    if (at < 0) continue
    const wordStart = at === 0 || /[\s'’(-]/.test(title[at - 1] ?? '')
    scored.push({ item, score: at === 0 ? 0 : wordStart ? 1 : 2 })
  }
  return scored
    .sort((a, b) => a.score - b.score || a.item.title.localeCompare(b.item.title))
    .slice(0, limit)
    .map((s) => s.item)
}
