/**
 * Every block a writer can insert survives the trip the server makes: ProseMirror JSON → Y.Doc →
 * ProseMirror node with the shared schema. A node missing from the schema would be dropped here,
 * as it would be when the server derives a page.
 */
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { editorSchema } from './index.ts'

const text = (value: string, marks?: { type: string }[]) => ({ type: 'text', text: value, marks })
const paragraph = (...content: object[]) => ({ type: 'paragraph', content })
const cell = (type: 'tableHeader' | 'tableCell', value: string, colspan = 1) => ({
  type,
  attrs: { colspan, rowspan: 1, colwidth: null },
  content: [paragraph(text(value))],
})

const rich = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('Gouvernance')] },
    paragraph(text('souligné', [{ type: 'underline' }]), text(' et '), text('barré', [{ type: 'strike' }])),
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', 'Cas'), cell('tableHeader', 'Acteurs')] },
        { type: 'tableRow', content: [cell('tableCell', 'Épicerie solidaire, sur deux colonnes', 2)] },
      ],
    },
    { type: 'image', attrs: { src: '/api/files/f_1', alt: 'Le schéma de la typologie', title: null } },
    {
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: true }, content: [paragraph(text('Relire la fiche'))] },
        { type: 'taskItem', attrs: { checked: false }, content: [paragraph(text('Appeler le CCAS'))] },
      ],
    },
    {
      type: 'callout',
      attrs: { tone: 'warning' },
      content: [paragraph(text('À vérifier avec la porteuse.'))],
    },
  ],
}

test('tables, images, task lists, callouts and underline survive a Y.Doc round trip', () => {
  const schema = editorSchema()
  const node = schema.nodeFromJSON(rich)
  node.check()
  const doc = new Y.Doc()
  prosemirrorToYXmlFragment(node, doc.getXmlFragment('default'))
  const back = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment('default'), schema)
  expect(back.toJSON()).toEqual(node.toJSON())
  const types = new Set<string>()
  back.descendants((child) => {
    types.add(child.type.name)
    for (const mark of child.marks) types.add(mark.type.name)
  })
  for (const expected of ['table', 'tableHeader', 'tableCell', 'image', 'taskItem', 'callout', 'underline'])
    expect(types).toContain(expected)
  expect(back.child(2).child(1).child(0).attrs.colspan).toBe(2)
  expect(back.child(3).attrs.alt).toBe('Le schéma de la typologie')
  doc.destroy()
})
