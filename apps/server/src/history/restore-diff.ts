/**
 * The change that brings a page back to a version's content, as a Yjs update made on a copy of
 * the current document: blocks the version does not have are deleted, blocks it has that are gone
 * come back as copies, and blocks both have are matched by their item ids and brought back in
 * place (attributes, text) — unchanged blocks are not touched, so a caret or an edit in them
 * survives, and the update merges with whatever others typed meanwhile.
 */
import * as Y from 'yjs'
import { BODY_FRAGMENT } from '../derive/page-content.ts'

type Container = Y.XmlFragment | Y.XmlElement
type Child = Y.XmlElement | Y.XmlText | Y.XmlHook

const keyOf = (node: Child): string | null =>
  node._item ? `${node._item.id.client}:${node._item.id.clock}` : null

/**
 * `section`, when given, is the key of a heading of the version: only that heading and the
 * blocks up to the next heading of the same or a higher level are restored.
 */
export function restoreUpdate(current: Y.Doc, version: Y.Doc, section?: string): Uint8Array | null {
  const scratch = new Y.Doc()
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(current))
    const target = version.getXmlFragment(BODY_FRAGMENT)
    const body = scratch.getXmlFragment(BODY_FRAGMENT)
    const updates: Uint8Array[] = []
    scratch.on('update', (update: Uint8Array) => updates.push(update))
    scratch.transact(() => {
      if (section === undefined) restoreChildren(body, 0, body.length, target.toArray())
      else restoreSection(body, target, section)
    })
    return updates.length === 0 ? null : Y.mergeUpdates(updates)
  } finally {
    scratch.destroy()
  }
}

export class SectionNotFound extends Error {}

function restoreSection(body: Y.XmlFragment, target: Y.XmlFragment, key: string): void {
  const targetBlocks = target.toArray()
  const range = sectionRange(targetBlocks, key)
  if (!range) throw new SectionNotFound(`no heading ${key} in this version`)
  const wanted = targetBlocks.slice(range.from, range.to)
  const currentBlocks = body.toArray()
  const here = sectionRange(currentBlocks, key)
  if (here) {
    restoreChildren(body, here.from, here.to, wanted)
    return
  }
  // The heading is gone: the section comes back after the block that preceded it, if any is left.
  const before = targetBlocks[range.from - 1]
  const anchor = before ? currentBlocks.findIndex((b) => keyOf(b) === keyOf(before)) : -1
  restoreChildren(body, anchor + 1, anchor + 1, wanted)
}

function sectionRange(blocks: Child[], key: string): { from: number; to: number } | null {
  const from = blocks.findIndex((b) => keyOf(b) === key)
  const heading = blocks[from]
  if (from < 0 || !(heading instanceof Y.XmlElement) || heading.nodeName !== 'heading') return null
  const level = Number(heading.getAttribute('level')) || 1
  let to = from + 1
  while (to < blocks.length) {
    const block = blocks[to]
    if (
      block instanceof Y.XmlElement &&
      block.nodeName === 'heading' &&
      (Number(block.getAttribute('level')) || 1) <= level
    )
      break
    to++
  }
  return { from, to }
}

/** Makes children `from` to `to` (exclusive) of `container` match `wanted`. */
function restoreChildren(container: Container, from: number, to: number, wanted: Child[]): void {
  const wantedKeys = new Set(wanted.map(keyOf))
  let end = to
  // Deleting from the end keeps the indexes of what is left before it valid.
  for (let i = to - 1; i >= from; i--) {
    const child = container.get(i) as Child
    if (!wantedKeys.has(keyOf(child))) {
      container.delete(i, 1)
      end--
    }
  }
  let position = from
  for (const target of wanted) {
    const key = keyOf(target)
    let found = -1
    for (let i = position; i < end; i++) {
      if (keyOf(container.get(i) as Child) === key) {
        found = i
        break
      }
    }
    if (found >= 0) {
      restoreNode(container.get(found) as Child, target)
      position = found + 1
    } else {
      container.insert(position, [target.clone() as Y.XmlElement | Y.XmlText])
      position++
      end++
    }
  }
}

function restoreNode(node: Child, target: Child): void {
  if (node instanceof Y.XmlText && target instanceof Y.XmlText) {
    restoreText(node, target)
    return
  }
  if (!(node instanceof Y.XmlElement) || !(target instanceof Y.XmlElement)) return
  const have = node.getAttributes() as Record<string, unknown>
  const want = target.getAttributes() as Record<string, unknown>
  for (const name of Object.keys(have)) if (!(name in want)) node.removeAttribute(name)
  for (const [name, value] of Object.entries(want)) {
    if (JSON.stringify(have[name]) !== JSON.stringify(value)) node.setAttribute(name, value as string)
  }
  restoreChildren(node, 0, node.length, target.toArray())
}

type Delta = { insert: unknown; attributes?: Record<string, unknown> }[]

/** Text: nothing if equal; the changed middle only when neither side has formatting; else all of it. */
function restoreText(node: Y.XmlText, target: Y.XmlText): void {
  const have = node.toDelta() as Delta
  const want = target.toDelta() as Delta
  if (JSON.stringify(have) === JSON.stringify(want)) return
  const plain = (delta: Delta) => delta.every((op) => typeof op.insert === 'string' && !op.attributes)
  if (plain(have) && plain(want)) {
    const a = have.map((op) => op.insert as string).join('')
    const b = want.map((op) => op.insert as string).join('')
    let start = 0
    while (start < a.length && start < b.length && a[start] === b[start]) start++
    let endA = a.length
    let endB = b.length
    while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
      endA--
      endB--
    }
    if (endA > start) node.delete(start, endA - start)
    if (endB > start) node.insert(start, b.slice(start, endB))
    return
  }
  node.delete(0, node.length)
  node.applyDelta(want)
}
