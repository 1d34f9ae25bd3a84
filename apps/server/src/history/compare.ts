/**
 * Comparing two states of a page. Both come from the same Yjs document, so every character and
 * every block keeps its item id across versions: what is alive in the newer state and not in the
 * older was inserted, what was alive in the older and is gone from the newer was deleted, and the
 * two sequences share the order of what they have in common. A merge walk over the two gives the
 * comparison in one pass, with who inserted or deleted each run from the authorship ranges.
 */
import type { CompareBlock, CompareOp, CompareSegment, PageComparison, PersonRef } from '@tisserand/api-types'
import * as Y from 'yjs'
import { readPageContent } from '../derive/page-content.ts'
import type { AuthorIndex } from './author-index.ts'

interface Atom {
  key: string
  client: number
  clock: number
  text: string
  /** Set on the marker that starts a block. */
  block?: { kind: string; level?: number }
}

/** The body as atoms: one per character of text, one per block start, one per leaf. */
export function atomsOf(doc: Y.Doc): Atom[] {
  const atoms: Atom[] = []
  readPageContent(doc, (piece, item) => {
    if (!item) return
    const { client, clock } = item.id
    if (item.content instanceof Y.ContentString) {
      for (let i = 0; i < piece.length; i++)
        atoms.push({ key: `${client}:${clock + i}`, client, clock: clock + i, text: piece[i] as string })
      return
    }
    const element = item.content instanceof Y.ContentType ? item.content.type : null
    const key = `${client}:${clock}`
    if (element instanceof Y.XmlElement && (piece === '' || piece === '\n') && !isLeaf(element)) {
      const level = Number(element.getAttribute('level')) || undefined
      atoms.push({
        key,
        client,
        clock,
        text: '',
        block: { kind: element.nodeName, ...(level ? { level } : {}) },
      })
    } else atoms.push({ key, client, clock, text: piece === '\n' ? '\n' : piece })
  })
  return atoms
}

function isLeaf(element: Y.XmlElement): boolean {
  return element.length === 0 && (element.nodeName === 'pageLink' || element.nodeName === 'hardBreak')
}

interface Step {
  atom: Atom
  op: CompareOp
}

/** The merge walk: every atom of either side once, in document order, with what happened to it. */
export function diffAtoms(older: Atom[], newer: Atom[]): Step[] {
  const inOlder = new Set(older.map((a) => a.key))
  const inNewer = new Set(newer.map((a) => a.key))
  const steps: Step[] = []
  let i = 0
  let j = 0
  while (i < older.length || j < newer.length) {
    const a = older[i]
    const b = newer[j]
    if (a && b && a.key === b.key) {
      steps.push({ atom: b, op: 'same' })
      i++
      j++
    } else if (a && !inNewer.has(a.key)) {
      steps.push({ atom: a, op: 'delete' })
      i++
    } else if (b && !inOlder.has(b.key)) {
      steps.push({ atom: b, op: 'insert' })
      j++
    } else if (a) {
      // Both present elsewhere: never with one document's history; kept visible, not lost.
      steps.push({ atom: a, op: 'delete' })
      i++
    } else if (b) {
      steps.push({ atom: b, op: 'insert' })
      j++
    }
  }
  return steps
}

export interface CompareInput {
  older: Y.Doc
  newer: Y.Doc
  inserts: AuthorIndex
  deletes: AuthorIndex
  people: Map<string, PersonRef>
  /** Unchanged blocks kept around each change; longer runs are folded. */
  context?: number
}

export function compareDocs(
  input: CompareInput,
): Pick<PageComparison, 'blocks' | 'changedSections' | 'authors'> {
  const steps = diffAtoms(atomsOf(input.older), atomsOf(input.newer))
  const authors = new Map<string, PersonRef>()
  const credit = (step: Step): PersonRef | null => {
    if (step.op === 'same') return null
    const index = step.op === 'insert' ? input.inserts : input.deletes
    const userId = index.creditOf(step.atom.client, step.atom.clock).userId
    const person = (userId && input.people.get(userId)) || null
    if (person) authors.set(person.id, person)
    return person
  }
  const blocks: (CompareBlock & { ops: Set<string> })[] = []
  const current = () => {
    let block = blocks.at(-1)
    if (!block) {
      block = { kind: 'paragraph', op: 'same', segments: [], ops: new Set() }
      blocks.push(block)
    }
    return block
  }
  for (const step of steps) {
    const { atom, op } = step
    if (atom.block) {
      blocks.push({
        kind: atom.block.kind,
        ...(atom.block.level ? { level: atom.block.level } : {}),
        op,
        segments: [],
        ops: new Set([op]),
        ...(atom.block.kind === 'heading' ? { sectionKey: atom.key } : {}),
      })
      continue
    }
    const block = current()
    block.ops.add(op)
    const author = credit(step)
    const last = block.segments.at(-1) as CompareSegment | undefined
    if (last && last.op === op && last.author?.id === author?.id) last.text += atom.text
    else block.segments.push({ text: atom.text, op, author })
  }
  for (const block of blocks) {
    const ops = block.ops
    block.op = ops.size === 1 ? ([...ops][0] as CompareOp) : 'changed'
  }
  return { ...fold(blocks, input.context ?? 1), authors: [...authors.values()] }
}

/** Folds long runs of unchanged blocks; keeps the heading of every changed section. */
function fold(blocks: (CompareBlock & { ops: Set<string> })[], context: number) {
  const keep = new Array<boolean>(blocks.length).fill(false)
  let heading = -1
  const changedHeadings = new Set<number>()
  blocks.forEach((block, index) => {
    if (block.kind === 'heading') heading = index
    if (block.op === 'same') return
    for (let k = Math.max(0, index - context); k <= Math.min(blocks.length - 1, index + context); k++)
      keep[k] = true
    if (heading >= 0) {
      keep[heading] = true
      changedHeadings.add(heading)
    }
  })
  const out: PageComparison['blocks'] = []
  const changedSections: PageComparison['changedSections'] = []
  let folded = 0
  blocks.forEach((block, index) => {
    if (!keep[index]) {
      folded++
      return
    }
    if (folded > 0) out.push({ kind: 'unchanged', count: folded })
    folded = 0
    const { ops: _ops, ...view } = block
    if (changedHeadings.has(index))
      changedSections.push({
        index: out.length,
        text: block.segments.map((s) => s.text).join(''),
        ...(block.sectionKey ? { sectionKey: block.sectionKey } : {}),
      })
    out.push(view)
  })
  if (folded > 0) out.push({ kind: 'unchanged', count: folded })
  return { blocks: out, changedSections }
}
