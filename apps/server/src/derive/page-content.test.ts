/** Reading page bodies from the Y.Doc: the same text as ProseMirror's, and nothing ever written. */
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { defaultTemplateBody } from '../pages/case-template.ts'
import { bold, bulletList, doc, heading, italic, pageLink, paragraph } from '../pages/prosemirror-json.ts'
import { readBodyNode } from './body-node.ts'
import { BODY_FRAGMENT, pageLinkText, readPageContent, serverSchema } from './page-content.ts'

function docFrom(json: unknown): Y.Doc {
  const ydoc = new Y.Doc()
  prosemirrorToYXmlFragment(serverSchema().nodeFromJSON(json), ydoc.getXmlFragment(BODY_FRAGMENT))
  return ydoc
}

/** What the derive passes read before: ProseMirror's own text of the node. */
function prosemirrorText(json: unknown): string {
  const node = serverSchema().nodeFromJSON(json)
  return node.textBetween(0, node.content.size, '\n', (leaf) =>
    leaf.type.name === 'pageLink'
      ? pageLinkText(String(leaf.attrs.pageId ?? ''))
      : leaf.isInline
        ? ' '
        : '\n',
  )
}

const samples: [string, unknown][] = [
  ['the case-sheet template', defaultTemplateBody()],
  [
    'nested lists, marks, links and a rule',
    doc(
      heading(1, 'Synthèse'),
      paragraph('Voir ', pageLink('abc123'), ' et ', bold('la gouvernance'), ' ', italic('partagée')),
      bulletList(['Autonomie', { line: ['Empowerment'], children: ['Mise en commun', 'Adaptabilité'] }]),
      heading(2, 'Fin'),
      { type: 'horizontalRule' },
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }],
      },
      { type: 'blockquote', content: [paragraph('Citation')] },
    ),
  ],
]

describe('readPageContent', () => {
  for (const [name, json] of samples) {
    test(`gives ProseMirror's text for ${name}`, () => {
      const ydoc = docFrom(json)
      expect(readPageContent(ydoc).text).toBe(prosemirrorText(json))
    })
  }

  test('lists links and headings', () => {
    const ydoc = docFrom(
      doc(heading(2, 'Acteurs'), paragraph('Lien ', pageLink('p1'), pageLink('p2'), pageLink('p1'))),
    )
    const content = readPageContent(ydoc)
    expect(content.links).toEqual(['p1', 'p2'])
    expect(content.headings).toEqual([{ level: 2, text: 'Acteurs' }])
  })

  test('lists block atoms with their attributes and the heading they stand under', () => {
    const ydoc = docFrom(doc(paragraph('Avant.')))
    const fragment = ydoc.getXmlFragment(BODY_FRAGMENT)
    const quotation = new Y.XmlElement('quotation')
    quotation.setAttribute('codingId', 'c1')
    const heading = new Y.XmlElement('heading')
    heading.setAttribute('level', 2 as unknown as string)
    const title = new Y.XmlText()
    title.insert(0, 'Gouvernance')
    heading.insert(0, [title])
    const table = new Y.XmlElement('evidenceTable')
    table.setAttribute('codeIds', ['a', 'b'] as unknown as string)
    fragment.insert(fragment.length, [quotation, heading, table, new Y.XmlElement('quotation')])
    expect(readPageContent(ydoc).embeds).toEqual([
      { type: 'quotation', attrs: { codingId: 'c1' }, section: null },
      { type: 'evidenceTable', attrs: { codeIds: ['a', 'b'] }, section: 0 },
      { type: 'quotation', attrs: {}, section: 0 },
    ])
  })

  test('reads unknown elements as blocks without changing the document', () => {
    const ydoc = docFrom(doc(paragraph('Avant.')))
    const fragment = ydoc.getXmlFragment(BODY_FRAGMENT)
    const quotation = new Y.XmlElement('pullQuote')
    quotation.setAttribute('source', 'abc')
    const text = new Y.XmlText()
    text.insert(0, 'texte cité')
    quotation.insert(0, [text])
    const wrapper = new Y.XmlElement('sidenote')
    const inner = new Y.XmlElement('paragraph')
    const innerText = new Y.XmlText()
    innerText.insert(0, 'dans un bloc inconnu')
    inner.insert(0, [innerText])
    wrapper.insert(0, [inner])
    fragment.insert(fragment.length, [quotation, wrapper])
    const before = Y.encodeStateAsUpdate(ydoc)
    let transactions = 0
    ydoc.on('afterTransaction', () => {
      transactions += 1
    })

    expect(readPageContent(ydoc).text).toBe('Avant.\ntexte cité\ndans un bloc inconnu')
    const node = readBodyNode(ydoc)
    expect(node.textContent).toBe('Avant.')
    node.check()

    expect(transactions).toBe(0)
    expect(Y.encodeStateAsUpdate(ydoc)).toEqual(before)
  })
})

describe('readBodyNode', () => {
  test('rebuilds the template exactly', () => {
    const json = defaultTemplateBody()
    expect(readBodyNode(docFrom(json)).toJSON()).toEqual(serverSchema().nodeFromJSON(json).toJSON())
  })

  test('keeps text whose mark is unknown, drops the mark', () => {
    const ydoc = new Y.Doc()
    const paragraphEl = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    paragraphEl.insert(0, [text])
    ydoc.getXmlFragment(BODY_FRAGMENT).insert(0, [paragraphEl])
    text.insert(0, 'surligné', { highlight: { color: 'yellow' }, bold: {} })
    const node = readBodyNode(ydoc)
    node.check()
    expect(node.textContent).toBe('surligné')
    expect(node.firstChild?.firstChild?.marks.map((m) => m.type.name)).toEqual(['bold'])
  })
})
