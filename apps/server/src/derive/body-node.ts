/**
 * A page body as a ProseMirror node of the editor schema, built without touching the Y.Doc:
 * elements, marks and attributes the schema does not know are left out of the node (and stay in
 * the document). y-prosemirror's own converter deletes them from the document instead, which on a
 * room's live doc would remove content for every client without storing the removal.
 */
import type { Mark, Node as PmNode, Schema } from '@tiptap/pm/model'
import { BODY_FRAGMENT } from '@tisserand/sync-protocol'
import * as Y from 'yjs'
import { serverSchema } from './page-content.ts'

/** y-prosemirror stores marks that may overlap (several links, comments) as `name--hash`. */
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/

export function readBodyNode(doc: Y.Doc): PmNode {
  const schema = serverSchema()
  const content = childrenOf(doc.getXmlFragment(BODY_FRAGMENT), schema)
  return (
    schema.topNodeType.createAndFill(null, content) ??
    schema.topNodeType.createAndFill(
      null,
      content.filter((n) => n.isBlock),
    ) ??
    (schema.topNodeType.createAndFill() as PmNode)
  )
}

function childrenOf(container: Y.XmlFragment | Y.XmlElement, schema: Schema): PmNode[] {
  const out: PmNode[] = []
  for (const child of container.toArray()) {
    if (child instanceof Y.XmlText) out.push(...textNodes(child, schema))
    else if (child instanceof Y.XmlElement) {
      const node = elementNode(child, schema)
      if (node) out.push(node)
    }
  }
  return out
}

function elementNode(element: Y.XmlElement, schema: Schema): PmNode | null {
  const type = schema.nodes[element.nodeName]
  if (!type) return null
  const attrs = element.getAttributes() as Record<string, unknown>
  const content = childrenOf(element, schema)
  try {
    return type.createChecked(attrs, content)
  } catch {
    // Content that does not fit (e.g. a child left out above): keep what the schema allows.
    try {
      return type.createAndFill(attrs, content) ?? type.createAndFill(attrs)
    } catch {
      return null
    }
  }
}

function textNodes(text: Y.XmlText, schema: Schema): PmNode[] {
  const out: PmNode[] = []
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string' || op.insert === '') continue
    const marks: Mark[] = []
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      const type = schema.marks[HASHED_MARK.exec(key)?.[1] ?? key]
      if (!type) continue
      try {
        marks.push(type.create(value as Record<string, unknown> | null))
      } catch {
        // A mark whose attributes the schema refuses: the text stays, unmarked.
      }
    }
    out.push(schema.text(op.insert, asMarkSet(marks)))
  }
  return out
}

/** ProseMirror wants a node's marks in schema order, each type once unless it may overlap. */
function asMarkSet(marks: Mark[]): readonly Mark[] {
  let set: readonly Mark[] = []
  for (const mark of marks) set = mark.addToSet(set)
  return set
}
