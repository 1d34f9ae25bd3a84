/** Selecting text in the editor the way a user's drag would. */
import type { Page } from '@playwright/test'

/** Selects `text` in the page body, across the text nodes decorations split it into. */
export async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const root = document.querySelector('.ProseMirror')
    if (!root) throw new Error('no editor')
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    const nodes: [Text, number][] = []
    let all = ''
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push([node as Text, all.length])
      all += (node as Text).data
    }
    const index = all.indexOf(wanted)
    if (index < 0) throw new Error(`not in the page: ${wanted}`)
    const at = (offset: number): [Text, number] => {
      const found = [...nodes].reverse().find(([, start]) => start <= offset)
      if (!found) throw new Error('offset outside the text')
      return [found[0], offset - found[1]]
    }
    const range = document.createRange()
    range.setStart(...at(index))
    range.setEnd(...at(index + wanted.length))
    const selection = getSelection()
    selection?.removeAllRanges()
    selection?.addRange(range)
  }, text)
}
