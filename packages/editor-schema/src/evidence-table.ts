/**
 * An evidence table: a block atom that lists, live, every coded passage of some codes across the
 * workspace's cases, optionally only cases whose properties match, grouped by case or by code.
 * Only the query is stored; the rows are worked out by the server whenever the table is shown.
 */
import { mergeAttributes, Node } from '@tiptap/core'

export const EVIDENCE_TABLE = 'evidenceTable'

export const EVIDENCE_GROUPINGS = ['case', 'code'] as const
export type EvidenceGrouping = (typeof EVIDENCE_GROUPINGS)[number]

/** Case properties an evidence table can filter on (docs/api.md, case properties). */
export interface EvidenceFilters {
  territory?: string
  status?: string
  needsOrigin?: string
}

const json = (value: unknown) => JSON.stringify(value)
const parsed = (text: string | null, fallback: unknown) => {
  if (!text) return fallback
  try {
    return JSON.parse(text)
  } catch {
    return fallback
  }
}

export const EvidenceTable = Node.create({
  name: EVIDENCE_TABLE,
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      codeIds: {
        default: [],
        parseHTML: (element) => parsed(element.getAttribute('data-code-ids'), []),
        renderHTML: (attributes) => ({ 'data-code-ids': json(attributes.codeIds ?? []) }),
      },
      filters: {
        default: {},
        parseHTML: (element) => parsed(element.getAttribute('data-filters'), {}),
        renderHTML: (attributes) => ({ 'data-filters': json(attributes.filters ?? {}) }),
      },
      groupBy: {
        default: 'case',
        parseHTML: (element) => element.getAttribute('data-group-by') ?? 'case',
        renderHTML: (attributes) => ({ 'data-group-by': attributes.groupBy }),
      },
    }
  },

  parseHTML() {
    return [{ tag: 'div[data-evidence-table]' }]
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes({ 'data-evidence-table': '' }, HTMLAttributes)]
  },
})
