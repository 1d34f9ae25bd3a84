/**
 * Comparing two states of a page. Both come from the same Yjs document, so every character and
 * every block keeps its item id across versions: what is alive in the newer state and not in the
 * older was inserted, what was alive in the older and is gone from the newer was deleted, and the
 * two sequences share the order of what they have in common. A merge walk over the two, run by run
 * (split where the two sides split differently), gives the comparison in one pass, with who
 * inserted or deleted each part from the authorship ranges.
 */
import type { CompareBlock, CompareOp, CompareSegment, PageComparison, PersonRef } from '@tisserand/api-types'
import * as Y from 'yjs'
import { readPageContent } from '../derive/page-content.ts'
import type { AuthorIndex } from './author-index.ts'

/** A run of one Yjs item's content, or the marker that starts a block, or a leaf. */
interface Run {
  client: number
  clock: number
  /** In Yjs clock units: a text run's UTF-16 length; 1 for a block marker or a leaf. */
  length: number
  text: string
  /** Set on the marker that starts a block. */
  block?: { kind: string; level?: number }
  /** A leaf (page link, hard break): never split. */
  leaf?: boolean
}

/** The body as runs, in document order: one per text item, per block start, per leaf. */
export function runsOf(doc: Y.Doc): Run[] {
  const runs: Run[] = []
  readPageContent(doc, (piece, item) => {
    if (!item) return
    const { client, clock } = item.id
    if (item.content instanceof Y.ContentString) {
      runs.push({ client, clock, length: piece.length, text: piece })
      return
    }
    const element = item.content instanceof Y.ContentType ? item.content.type : null
    if (element instanceof Y.XmlElement && (piece === '' || piece === '\n') && !isLeaf(element)) {
      const level = Number(element.getAttribute('level')) || undefined
      runs.push({
        client,
        clock,
        length: 1,
        text: '',
        block: { kind: element.nodeName, ...(level ? { level } : {}) },
      })
    } else runs.push({ client, clock, length: 1, text: piece, leaf: true })
  })
  return runs
}

function isLeaf(element: Y.XmlElement): boolean {
  return element.length === 0 && (element.nodeName === 'pageLink' || element.nodeName === 'hardBreak')
}

/** The clock ranges each client has alive in a state, sorted, to ask "alive at this clock?". */
class Alive {
  private readonly byClient = new Map<number, [start: number, end: number][]>()

  constructor(runs: Run[]) {
    for (const run of runs) {
      const list = this.byClient.get(run.client)
      if (list) list.push([run.clock, run.clock + run.length])
      else this.byClient.set(run.client, [[run.clock, run.clock + run.length]])
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a[0] - b[0])
  }

  /** Whether `clock` of `client` is alive, and for how many clocks from there that stays so. */
  at(client: number, clock: number): { alive: boolean; stretch: number } {
    const list = this.byClient.get(client)
    if (!list) return { alive: false, stretch: Number.POSITIVE_INFINITY }
    let low = 0
    let high = list.length
    while (low < high) {
      const mid = (low + high) >> 1
      if ((list[mid] as [number, number])[1] <= clock) low = mid + 1
      else high = mid
    }
    const range = list[low]
    if (!range) return { alive: false, stretch: Number.POSITIVE_INFINITY }
    if (range[0] <= clock) return { alive: true, stretch: range[1] - clock }
    return { alive: false, stretch: range[0] - clock }
  }
}

interface Step {
  run: Run
  /** The part of `run` this step covers. */
  offset: number
  length: number
  op: CompareOp
}

/** The merge walk: every part of either side once, in document order, with what happened to it. */
export function diffRuns(older: Run[], newer: Run[]): Step[] {
  const inOlder = new Alive(older)
  const inNewer = new Alive(newer)
  const steps: Step[] = []
  let i = 0
  let j = 0
  let ai = 0
  let bj = 0
  while (i < older.length || j < newer.length) {
    const a = older[i]
    const b = newer[j]
    const aRest = a ? a.length - ai : 0
    const bRest = b ? b.length - bj : 0
    if (a && b && a.client === b.client && a.clock + ai === b.clock + bj) {
      const n = Math.min(aRest, bRest)
      steps.push({ run: b, offset: bj, length: n, op: 'same' })
      ai += n
      bj += n
    } else {
      const aHere = a ? inNewer.at(a.client, a.clock + ai) : null
      const bHere = b ? inOlder.at(b.client, b.clock + bj) : null
      if (a && aHere && !aHere.alive) {
        const n = Math.min(aRest, aHere.stretch)
        steps.push({ run: a, offset: ai, length: n, op: 'delete' })
        ai += n
      } else if (b && bHere && !bHere.alive) {
        const n = Math.min(bRest, bHere.stretch)
        steps.push({ run: b, offset: bj, length: n, op: 'insert' })
        bj += n
      } else if (a) {
        // Both present elsewhere: never with one document's history; kept visible, not lost.
        steps.push({ run: a, offset: ai, length: aRest, op: 'delete' })
        ai += aRest
      } else if (b) {
        steps.push({ run: b, offset: bj, length: bRest, op: 'insert' })
        bj += bRest
      }
    }
    if (a && ai >= a.length) {
      i++
      ai = 0
    }
    if (b && bj >= b.length) {
      j++
      bj = 0
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
  const steps = diffRuns(runsOf(input.older), runsOf(input.newer))
  const authors = new Map<string, PersonRef>()
  const person = (userId: string | null): PersonRef | null => {
    const found = (userId && input.people.get(userId)) || null
    if (found) authors.set(found.id, found)
    return found
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
  const append = (block: CompareBlock, text: string, op: CompareOp, author: PersonRef | null) => {
    const last = block.segments.at(-1) as CompareSegment | undefined
    if (last && last.op === op && last.author?.id === author?.id) last.text += text
    else block.segments.push({ text, op, author })
  }
  for (const { run, offset, length, op } of steps) {
    if (run.block) {
      blocks.push({
        kind: run.block.kind,
        ...(run.block.level ? { level: run.block.level } : {}),
        op,
        segments: [],
        ops: new Set([op]),
        ...(run.block.kind === 'heading' ? { sectionKey: `${run.client}:${run.clock}` } : {}),
      })
      continue
    }
    const block = current()
    block.ops.add(op)
    const slice = (from: number, n: number) => (run.leaf ? run.text : run.text.slice(from, from + n))
    if (op === 'same') {
      append(block, slice(offset, length), op, null)
      continue
    }
    // Who inserted or deleted it, range by range.
    const index = op === 'insert' ? input.inserts : input.deletes
    for (const span of index.spans(run.client, run.clock + offset, length)) {
      append(block, slice(offset + span.offset, span.length), op, person(span.userId))
    }
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
