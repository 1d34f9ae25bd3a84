/** The wiki's pure browser logic: tree moves, safe snippets, link triggers, title matching. */
import { describe, expect, it } from 'vitest'
import type { PageSummary } from '../api/types.ts'
import { rankTitles } from './links/foldText.ts'
import { findTrigger } from './links/pickerPlugin.ts'
import { snippetParts } from './search/Snippet.tsx'
import { buildTree, dropTarget, keyboardMove, visibleRows } from './tree/treeModel.ts'

function page(id: string, parentId: string | null, position: number, title = id): PageSummary {
  return {
    id,
    workspaceId: 'w',
    parentId,
    title,
    kind: 'note',
    position,
    createdBy: 'u',
    createdAt: 0,
    updatedAt: 0,
    archivedAt: null,
  }
}

const pages = [
  page('a', null, 1),
  page('b', null, 2),
  page('c', null, 3),
  page('b1', 'b', 1),
  page('b2', 'b', 2),
]

describe('tree model', () => {
  it('nests and orders by position, and shows children of expanded pages only', () => {
    const roots = buildTree(pages)
    expect(roots.map((n) => n.page.id)).toEqual(['a', 'b', 'c'])
    expect(visibleRows(roots, new Set()).map((r) => r.node.page.id)).toEqual(['a', 'b', 'c'])
    const rows = visibleRows(roots, new Set(['b']))
    expect(rows.map((r) => [r.node.page.id, r.depth, r.index, r.siblings])).toEqual([
      ['a', 1, 1, 3],
      ['b', 1, 2, 3],
      ['b1', 2, 1, 2],
      ['b2', 2, 2, 2],
      ['c', 1, 3, 3],
    ])
  })

  it('moves up, down, in and out between the right neighbours', () => {
    expect(keyboardMove(pages, 'c', 'up')).toEqual({ parentId: null, position: 1.5 })
    expect(keyboardMove(pages, 'a', 'up')).toBeNull()
    expect(keyboardMove(pages, 'a', 'down')).toEqual({ parentId: null, position: 2.5 })
    expect(keyboardMove(pages, 'c', 'indent')).toEqual({ parentId: 'b' })
    expect(keyboardMove(pages, 'b1', 'outdent')).toEqual({ parentId: null, position: 2.5 })
    expect(keyboardMove(pages, 'a', 'outdent')).toBeNull()
  })

  it('refuses a drop into the page itself or its subtree', () => {
    expect(dropTarget(pages, 'b', 'b1', 'inside')).toBeNull()
    expect(dropTarget(pages, 'b', 'b', 'before')).toBeNull()
    expect(dropTarget(pages, 'a', 'b1', 'before')).toEqual({ parentId: 'b', position: 0 })
    expect(dropTarget(pages, 'c', 'a', 'after')).toEqual({ parentId: null, position: 1.5 })
  })
})

describe('search snippets', () => {
  it('keeps <mark> only and shows any other markup as text', () => {
    expect(
      snippetParts('…la <mark>gouvernance</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; co'),
    ).toEqual([
      { text: '…la ', marked: false },
      { text: 'gouvernance', marked: true },
      { text: ' <script>alert(1)</script> & co', marked: false },
    ])
    expect(snippetParts('<img src=x onerror=alert(1)>texte')).toEqual([{ text: 'texte', marked: false }])
  })
})

describe('link triggers', () => {
  it('opens on [[ with any title, and on @ after a space', () => {
    expect(findTrigger('Voir [[Épicerie sol', 30)).toEqual({
      trigger: '[[',
      query: 'Épicerie sol',
      from: 16,
      to: 30,
    })
    expect(findTrigger('Voir @Bocal', 11)).toEqual({ trigger: '@', query: 'Bocal', from: 5, to: 11 })
    expect(findTrigger('mail amina@irg', 14)).toBeNull()
    expect(findTrigger('[[fermé]] puis', 14)).toBeNull()
  })

  it('matches titles without accents or case, best first', () => {
    const items = [{ title: 'La Fabrique' }, { title: 'École du Bocal' }, { title: 'Ecole ouverte' }]
    expect(rankTitles(items, 'ecole', 5).map((i) => i.title)).toEqual(['École du Bocal', 'Ecole ouverte'])
    expect(rankTitles(items, 'bocal', 5).map((i) => i.title)).toEqual(['École du Bocal'])
  })
})
