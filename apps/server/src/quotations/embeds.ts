/**
 * The quotations and evidence tables of a page body, from the embeds the derive walker read
 * (derive/page-content.ts). Attribute values are checked here: a script or an older client may
 * write anything into a node's attributes.
 */
import {
  EVIDENCE_GROUPINGS,
  EVIDENCE_TABLE,
  type EvidenceFilters,
  type EvidenceGrouping,
  QUOTATION,
} from '@tisserand/editor-schema'
import type { Heading, PageContent } from '../derive/page-content.ts'

export interface Section {
  /** 0-based among the page's headings. */
  index: number
  title: string
}

export interface QuotedCoding {
  /** '' when the node names no coding. */
  codingId: string
  position: number
  section: Section | null
}

export interface EvidenceQuery {
  codeIds: string[]
  filters: EvidenceFilters
  groupBy: EvidenceGrouping
}

export interface EvidenceTableEmbed extends EvidenceQuery {
  position: number
  section: Section | null
}

const ID = /^[A-Za-z0-9_-]{1,64}$/
const FILTER_KEYS = ['territory', 'status', 'needsOrigin'] as const

function sectionOf(headings: Heading[], index: number | null): Section | null {
  if (index === null) return null
  const heading = headings[index]
  return heading ? { index, title: heading.text } : null
}

/** A list of ids from an array, a JSON array or a comma-separated string; anything else is dropped. */
export function idList(value: unknown): string[] {
  let list: unknown = value
  if (typeof value === 'string') {
    try {
      list = value.trim().startsWith('[') ? JSON.parse(value) : value.split(',')
    } catch {
      list = []
    }
  }
  if (!Array.isArray(list)) return []
  const ids = list.map((v) => (typeof v === 'string' ? v.trim() : '')).filter((v) => ID.test(v))
  return [...new Set(ids)].slice(0, 50)
}

export function evidenceFilters(value: unknown): EvidenceFilters {
  let object: unknown = value
  if (typeof value === 'string') {
    try {
      object = JSON.parse(value)
    } catch {
      object = {}
    }
  }
  const out: EvidenceFilters = {}
  if (!object || typeof object !== 'object') return out
  for (const key of FILTER_KEYS) {
    const v = (object as Record<string, unknown>)[key]
    if (typeof v === 'string' && v.trim() && v.length <= 200) out[key] = v.trim()
  }
  return out
}

export function grouping(value: unknown): EvidenceGrouping {
  return (EVIDENCE_GROUPINGS as readonly unknown[]).includes(value) ? (value as EvidenceGrouping) : 'case'
}

/** Each coding quoted by the page once (its first place), and the page's evidence tables in order. */
export function readEmbeds(content: PageContent): {
  quotations: QuotedCoding[]
  evidenceTables: EvidenceTableEmbed[]
} {
  const quotations = new Map<string, QuotedCoding>()
  const evidenceTables: EvidenceTableEmbed[] = []
  content.embeds.forEach((embed, position) => {
    const section = sectionOf(content.headings, embed.section)
    if (embed.type === QUOTATION) {
      const raw = embed.attrs.codingId
      const codingId = typeof raw === 'string' && ID.test(raw) ? raw : ''
      if (!quotations.has(codingId)) quotations.set(codingId, { codingId, position, section })
    } else if (embed.type === EVIDENCE_TABLE) {
      evidenceTables.push({
        position,
        section,
        codeIds: idList(embed.attrs.codeIds),
        filters: evidenceFilters(embed.attrs.filters),
        groupBy: grouping(embed.attrs.groupBy),
      })
    }
  })
  return { quotations: [...quotations.values()], evidenceTables }
}
