/**
 * Coded passages drawn in the editor as decorations (never marks), from the codings' anchors by
 * the shared anchored-ranges plugin. Overlapping passages are cut into segments; each segment is
 * tinted with its first code's colour and underlined by one band per code (stacked, up to four),
 * and names its codings in `data-coding-ids` for the hover card.
 */
import { Extension } from '@tiptap/core'
import { type EditorState, PluginKey } from '@tiptap/pm/state'
import { Decoration } from '@tiptap/pm/view'
import type { EncodedAnchor } from '../comments/types.ts'
import { type AnchoredState, anchoredRangesPlugin, resolveAnchors } from '../editor/anchoredRanges.ts'
import { isPale } from './colours.ts'

export interface DrawnCoding {
  id: string
  codeId: string
  color: string
  anchor: EncodedAnchor
  /** Made on this device and not on the server yet. */
  pending?: boolean
}

export interface CodedPassagesData {
  codings: DrawnCoding[]
  /** A coding to outline (opened from an excerpt). */
  focusedId: string | null
}

export const codedPassagesKey = new PluginKey<AnchoredState<CodedPassagesData>>('codedPassages')

const BAND = 3
const MAX_BANDS = 4

/** The inline style of a segment coded with `colors` (distinct, in coding order). */
export function segmentStyle(colors: readonly string[]): string {
  const bands = colors.slice(0, MAX_BANDS)
  const layers = bands.map((color, i) => {
    // A band too pale to see on white is drawn darker, so no code is invisible in the text.
    const band = isPale(color) ? `color-mix(in srgb, ${color} 55%, #1f2a30)` : color
    return `linear-gradient(${band}, ${band}) 0 calc(100% - ${i * BAND}px) / 100% ${BAND}px no-repeat`
  })
  // A light tint of the first code (about 18 % opacity): the text stays dark on a pale background.
  const tint = `${bands[0]}2e`
  return `background: ${[...layers, tint].join(', ')}; padding-bottom: ${bands.length * BAND}px;`
}

function decorate(state: EditorState, { codings, focusedId }: CodedPassagesData): Decoration[] {
  const ranges = resolveAnchors(state, codings)
  const cuts = [...new Set(ranges.flatMap((r) => [r.from, r.to]))].sort((a, b) => a - b)
  const decorations: Decoration[] = []
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number
    const to = cuts[i + 1] as number
    const covering = ranges.filter((r) => r.from <= from && r.to >= to).map((r) => r.item)
    if (covering.length === 0) continue
    const colors = [...new Set(covering.map((c) => c.color))]
    const ids = covering.map((c) => c.id)
    const focused = focusedId !== null && ids.includes(focusedId)
    const pending = covering.some((c) => c.pending)
    decorations.push(
      Decoration.inline(
        from,
        to,
        {
          class: `coded-passage${focused ? ' is-focused' : ''}${pending ? ' is-pending' : ''}`,
          style: segmentStyle(colors),
          'data-coding-ids': ids.join(' '),
        },
        { codingIds: ids },
      ),
    )
  }
  return decorations
}

export const CodedPassages = Extension.create({
  name: 'codedPassages',
  addProseMirrorPlugins() {
    return [
      anchoredRangesPlugin<CodedPassagesData>({
        key: codedPassagesKey,
        initial: { codings: [], focusedId: null },
        decorate,
      }),
    ]
  },
})

/** The codings drawn at editor position `pos` (the caret), innermost segment first. */
export function codingsAt(state: EditorState, pos: number): string[] {
  const found = codedPassagesKey.getState(state)?.decorations.find(pos, pos) ?? []
  const ids = new Set<string>()
  for (const decoration of found) {
    if (decoration.from > pos || decoration.to < pos) continue
    for (const id of (decoration.spec as { codingIds?: string[] }).codingIds ?? []) ids.add(id)
  }
  return [...ids]
}
