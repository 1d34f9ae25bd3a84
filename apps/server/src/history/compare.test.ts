/** Comparing two states of one document by item ids: what was inserted, deleted, and by whom. */
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import type { AuthorshipRow } from '../store/doc-store.ts'
import { AuthorIndex } from './author-index.ts'
import { compareDocs } from './compare.ts'

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  return element
}

test('insertions inside a word, deletions, a removed and an added paragraph, each with its author', () => {
  const doc = new Y.Doc()
  doc.clientID = 1
  const body = doc.getXmlFragment('default')
  const heading = new Y.XmlElement('heading')
  heading.setAttribute('level', 2 as unknown as string)
  heading.insert(0, [new Y.XmlText('Gouvernance')])
  body.insert(0, [heading, paragraph('Les décisions se prennent ensemble.'), paragraph('À supprimer.')])
  const older = new Y.Doc()
  Y.applyUpdate(older, Y.encodeStateAsUpdate(doc))

  const deletes: AuthorshipRow[] = []
  doc.on('update', (update: Uint8Array) => {
    for (const [client, items] of Y.decodeUpdate(update).ds.clients)
      for (const { clock, len } of items)
        deletes.push({ kind: 'delete', client, clock, length: len, userId: 'bruno', via: null, at: 0 })
  })
  doc.clientID = 2
  const text = (body.get(1) as Y.XmlElement).get(0) as Y.XmlText
  text.insert(14, 'vraiment ') // inside the first item: splits it
  text.delete(text.length - 9, 8) // "ensemble"
  body.delete(2, 1)
  body.insert(2, [paragraph('Ajouté par Bruno.')])

  const rows: AuthorshipRow[] = [
    { kind: 'insert', client: 1, clock: 0, length: 1000, userId: 'amina', via: null, at: 0 },
    { kind: 'insert', client: 2, clock: 0, length: 1000, userId: 'bruno', via: null, at: 0 },
  ]
  const people = new Map([
    ['amina', { id: 'amina', name: 'Amina' }],
    ['bruno', { id: 'bruno', name: 'Bruno' }],
  ])
  const result = compareDocs({
    older,
    newer: doc,
    inserts: new AuthorIndex(rows),
    deletes: new AuthorIndex(deletes),
    people,
  })
  const blocks = result.blocks.map((b) =>
    'count' in b
      ? b
      : { kind: b.kind, op: b.op, segments: b.segments.map((s) => [s.op, s.text, s.author?.name ?? null]) },
  )
  expect(blocks).toEqual([
    { kind: 'heading', op: 'same', segments: [['same', 'Gouvernance', null]] },
    {
      kind: 'paragraph',
      op: 'changed',
      segments: [
        ['same', 'Les décisions ', null],
        ['insert', 'vraiment ', 'Bruno'],
        ['same', 'se prennent ', null],
        ['delete', 'ensemble', 'Bruno'],
        ['same', '.', null],
      ],
    },
    { kind: 'paragraph', op: 'delete', segments: [['delete', 'À supprimer.', 'Bruno']] },
    { kind: 'paragraph', op: 'insert', segments: [['insert', 'Ajouté par Bruno.', 'Bruno']] },
  ])
  expect(result.changedSections.map((s) => s.text)).toEqual(['Gouvernance'])
  expect(result.authors.map((a) => a.name)).toEqual(['Bruno'])
})
