/** The stored-state guard sees every change to a live document that storage does not have. */
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { readBodyNode } from '../derive/body-node.ts'
import { BODY_FRAGMENT, readPageContent, serverSchema } from '../derive/page-content.ts'
import { StoredStateGuard } from './stored-state-guard.ts'

/** An update holding a paragraph and an element the editor schema does not know. */
function bodyWithUnknownElement(): Uint8Array {
  const source = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  text.insert(0, 'Un paragraphe.')
  paragraph.insert(0, [text])
  const unknown = new Y.XmlElement('quotation')
  unknown.setAttribute('codingId', 'abc')
  const unknownText = new Y.XmlText()
  unknownText.insert(0, 'unknown node text')
  unknown.insert(0, [unknownText])
  source.getXmlFragment(BODY_FRAGMENT).insert(0, [paragraph, unknown])
  const update = Y.encodeStateAsUpdate(source)
  source.destroy()
  return update
}

function guarded(mirrored: boolean) {
  const live = new Y.Doc()
  const reports: string[] = []
  const guard = new StoredStateGuard(live, mirrored, (detail) => reports.push(detail))
  const update = bodyWithUnknownElement()
  guard.stored(update)
  guard.applyingStored(() => Y.applyUpdate(live, update))
  return { live, guard, reports }
}

test('stored updates applied through the guard are not reported', () => {
  const { guard, reports } = guarded(true)
  guard.check('after the test update')
  expect(reports).toEqual([])
})

test('the y-prosemirror converter deletes what the schema cannot build: the guard reports it at once', () => {
  const { live, reports } = guarded(false)
  yXmlFragmentToProseMirrorRootNode(live.getXmlFragment(BODY_FRAGMENT), serverSchema())
  expect(live.getXmlFragment(BODY_FRAGMENT).toString()).not.toContain('quotation')
  expect(reports).toHaveLength(1)
  expect(reports[0]).toMatch(/applied without being stored/)
})

test('the server’s readers leave the document alone', () => {
  const { live, guard, reports } = guarded(true)
  readPageContent(live)
  readBodyNode(live)
  guard.check('after reading')
  expect(reports).toEqual([])
  expect(live.getXmlFragment(BODY_FRAGMENT).toString()).toContain('<quotation codingId="abc">')
})

test('the mirror sees a stored update that never reached the live document', () => {
  const { guard, reports } = guarded(true)
  const other = new Y.Doc()
  other.getText('t').insert(0, 'stored but not applied')
  guard.stored(Y.encodeStateAsUpdate(other))
  guard.check('after the test update')
  expect(reports).toEqual(['the live document differs from what is stored, after the test update'])
})
