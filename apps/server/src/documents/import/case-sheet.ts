/**
 * An imported document as a case sheet: its sections put under the template's headings (matched
 * by title, case and accents folded, through the workspace's synonyms), in the template's order;
 * its sections that match none kept after them, in their own order; and a two-column table of
 * case properties (« Territoire | Grenoble ») read into the page's properties and taken out of
 * the body. Pure: ProseMirror JSON in, JSON and a properties patch out.
 */
import type { CaseProperties, PmJson } from '../../pages/index.ts'

type CasePropertiesPatch = Partial<CaseProperties>

import type { ImportWarning } from './errors.ts'
import { type ImportSynonyms, normalizeLabel, PROPERTY_NAMES, type PropertyName } from './synonyms.ts'

export interface TemplateHeading {
  level: number
  text: string
}

export interface CaseSheet {
  doc: PmJson
  properties: CasePropertiesPatch
  warnings: ImportWarning[]
  /** Template sections the document had nothing for (kept empty in the sheet). */
  missing: string[]
}

const textOf = (node: PmJson): string =>
  node.type === 'text'
    ? (node.text ?? '')
    : (node.content ?? []).map(textOf).join(node.type === 'paragraph' ? '' : ' ')

const isHeading = (node: PmJson) => node.type === 'heading'
const levelOf = (node: PmJson) => Number(node.attrs?.level ?? 1)

export function toCaseSheet(doc: PmJson, template: TemplateHeading[], synonyms: ImportSynonyms): CaseSheet {
  const warnings: ImportWarning[] = []
  let blocks = [...(doc.content ?? [])]

  // The properties table: the first top-level table of two columns naming at least one property.
  const properties: CasePropertiesPatch = {}
  const labels = propertyLabels(synonyms)
  const tableAt = blocks.findIndex(
    (block) => block.type === 'table' && readPropertyRows(block, labels).length > 0,
  )
  if (tableAt >= 0) {
    const read = readValues(readPropertyRows(blocks[tableAt] as PmJson, labels))
    Object.assign(properties, read.properties)
    warnings.push(...read.warnings)
    blocks = blocks.filter((_, i) => i !== tableAt)
  }

  // Which template section each heading names.
  const sectionOf = new Map<string, number>()
  template.forEach((section, i) => {
    sectionOf.set(normalizeLabel(section.text), i)
    for (const synonym of synonyms.sections[section.text] ?? []) {
      const key = normalizeLabel(synonym)
      if (!sectionOf.has(key)) sectionOf.set(key, i)
    }
  })
  const match = (block: PmJson) =>
    isHeading(block) ? sectionOf.get(normalizeLabel(textOf(block))) : undefined
  const matchedLevels = blocks.filter((block) => match(block) !== undefined).map(levelOf)
  const allLevels = blocks.filter(isHeading).map(levelOf)
  // Sections start at headings of the level the template's headings were found at (or above).
  const sectionLevel = Math.min(...(matchedLevels.length > 0 ? matchedLevels : allLevels), 6)

  const preamble: PmJson[] = []
  const placed: PmJson[][] = template.map(() => [])
  const unmatched: PmJson[] = []
  let current: PmJson[] = preamble
  for (const block of blocks) {
    const index = match(block)
    if (index !== undefined) {
      current = placed[index] as PmJson[]
      continue
    }
    if (isHeading(block) && levelOf(block) <= sectionLevel) {
      current = unmatched
      unmatched.push({ ...block, attrs: { ...block.attrs, level: template[0]?.level ?? 2 } })
      continue
    }
    current.push(block)
  }

  const missing: string[] = []
  const content: PmJson[] = [...preamble]
  template.forEach((section, i) => {
    const body = placed[i] as PmJson[]
    if (body.length === 0) missing.push(section.text)
    content.push(
      { type: 'heading', attrs: { level: section.level }, content: [{ type: 'text', text: section.text }] },
      ...(body.length > 0 ? body : [{ type: 'paragraph' }]),
    )
  })
  content.push(...unmatched)
  return { doc: { type: 'doc', content }, properties, warnings, missing }
}

/**
 * Case properties named by key in a Markdown file's front matter (`properties: {territory: …}`,
 * or by their labels, « Territoire: … »), read like the cells of a properties table.
 */
export function readProperties(fields: Record<string, unknown>, synonyms: ImportSynonyms) {
  const labels = propertyLabels(synonyms)
  const rows: { name: PropertyName; value: string }[] = []
  for (const [key, value] of Object.entries(fields)) {
    const name = (PROPERTY_NAMES as readonly string[]).includes(key)
      ? (key as PropertyName)
      : labels.get(normalizeLabel(key))
    if (name && value !== null && value !== undefined && String(value).trim())
      rows.push({ name, value: String(value).trim() })
  }
  return readValues(rows)
}

function readValues(rows: { name: PropertyName; value: string }[]) {
  const properties: CasePropertiesPatch = {}
  const warnings: ImportWarning[] = []
  for (const { name, value } of rows) {
    const parsed = parseProperty(name, value)
    if (parsed === undefined)
      warnings.push({ code: 'property_not_understood', message: `« ${value} » is not a value for ${name}` })
    else Object.assign(properties, { [name]: parsed })
  }
  return { properties, warnings }
}

function propertyLabels(synonyms: ImportSynonyms): Map<string, PropertyName> {
  const labels = new Map<string, PropertyName>()
  for (const name of PROPERTY_NAMES)
    for (const label of synonyms.properties[name] ?? []) labels.set(normalizeLabel(label), name)
  return labels
}

function readPropertyRows(table: PmJson, labels: Map<string, PropertyName>) {
  const rows: { name: PropertyName; value: string }[] = []
  for (const row of table.content ?? []) {
    const cells = row.content ?? []
    if (cells.length !== 2) return []
    const name = labels.get(normalizeLabel(textOf(cells[0] as PmJson)))
    const value = textOf(cells[1] as PmJson).trim()
    if (name && value) rows.push({ name, value })
  }
  return rows
}

/** The property's value read from a cell's text; undefined when it cannot be understood. */
export function parseProperty(name: PropertyName, value: string): string | number | undefined {
  const folded = normalizeLabel(value)
  switch (name) {
    case 'territory':
      return value.slice(0, 200)
    case 'yearFounded': {
      const year = value.match(/\b(1[89]\d\d|20\d\d)\b/)?.[1]
      return year ? Number(year) : undefined
    }
    case 'needsOrigin': {
      const beneficiaries = /benefici|habitant|usager|personnes/.test(folded)
      const initiative = /initiative|porteur|structure|association/.test(folded)
      if (/\b(les deux|deux|both)\b/.test(folded) || (beneficiaries && initiative)) return 'both'
      if (beneficiaries) return 'beneficiaries'
      if (initiative) return 'initiative'
      return undefined
    }
    case 'status':
      if (/pause|suspendu|sommeil|paused/.test(folded)) return 'paused'
      if (/termine|arrete|ferme|cesse|dissou|fini|ended|closed|inactive/.test(folded)) return 'ended'
      if (/actif|active|en activite|en cours|fonctionne|ouvert|active|running/.test(folded)) return 'active'
      return undefined
  }
}
