/**
 * The codebook as a REFI-QDA codebook (.qdc, namespace urn:QDA-XML:codebook:1.0) and back.
 * Kept on import: guid (as the code's id when free), name, isCodable, color, description,
 * hierarchy and order. Not kept: Sets and NoteRefs.
 */
import { ApiError } from '../../errors.ts'
import type { MatrixCode } from '../views.ts'
import { guidFor, isGuid } from './guid.ts'
import { el, refiParser, type XmlNode, xmlDocument } from './xml.ts'

export interface ExportCode extends MatrixCode {
  description: string
  codable: boolean
}

/**
 * `<Code>` elements for codes in tree order (children after their parent); `noteRefs` gives the
 * guids of the notes (memos) attached to a code, for a project export.
 */
export function codeElements(
  codes: ExportCode[],
  noteRefs: (codeId: string) => string[] = () => [],
): XmlNode[] {
  const byParent = new Map<string | null, ExportCode[]>()
  for (const code of codes) byParent.set(code.parentId, [...(byParent.get(code.parentId) ?? []), code])
  const build = (code: ExportCode): XmlNode =>
    el(
      'Code',
      {
        guid: guidFor('code', code.id),
        name: code.label,
        isCodable: code.codable ? 'true' : 'false',
        color: code.color ?? undefined,
      },
      [
        code.description ? el('Description', {}, [code.description]) : null,
        ...noteRefs(code.id).map((guid) => el('NoteRef', { targetGUID: guid })),
        ...(byParent.get(code.id) ?? []).map(build),
      ],
    )
  return (byParent.get(null) ?? []).map(build)
}

export function codebookQdc(codes: ExportCode[]): string {
  return xmlDocument(
    el('CodeBook', { xmlns: 'urn:QDA-XML:codebook:1.0', origin: 'Tisserand' }, [
      el('Codes', {}, codeElements(codes)),
    ]),
  )
}

export interface ImportedCode {
  id: string
  parentId: string | null
  label: string
  description: string
  color: string | null
  codable: boolean
}

interface RawCode {
  '@_guid'?: string
  '@_name'?: string
  '@_isCodable'?: string
  '@_color'?: string
  Description?: string | { '#text'?: string }
  Code?: RawCode[]
}

/** Parses a .qdc (or the CodeBook of a project): codes in tree order, parents first. */
export function parseQdc(xml: string): ImportedCode[] {
  const parser = refiParser((name) => name === 'Code')
  let parsed: {
    CodeBook?: { Codes?: { Code?: RawCode[] } }
    Project?: { CodeBook?: { Codes?: { Code?: RawCode[] } } }
  }
  try {
    parsed = parser.parse(xml)
  } catch (error) {
    throw new ApiError(400, 'invalid_qdc', `Not well-formed XML: ${(error as Error).message}`)
  }
  const book = parsed.CodeBook ?? parsed.Project?.CodeBook
  if (!book) throw new ApiError(400, 'invalid_qdc', 'No CodeBook element')
  const out: ImportedCode[] = []
  const seen = new Set<string>()
  const visit = (raw: RawCode, parentId: string | null) => {
    const guid = (raw['@_guid'] ?? '').replace(/^\{|\}$/g, '')
    const name = raw['@_name']
    if (!isGuid(guid) || !name) throw new ApiError(400, 'invalid_qdc', 'Every Code needs a guid and a name')
    const id = guid.toLowerCase()
    if (seen.has(id)) throw new ApiError(400, 'invalid_qdc', `Duplicate code guid ${guid}`)
    seen.add(id)
    const rawColor = raw['@_color']
    const color =
      rawColor && /^#[0-9A-Fa-f]{6}$/.test(rawColor)
        ? rawColor.toUpperCase()
        : rawColor && /^#[0-9A-Fa-f]{3}$/.test(rawColor)
          ? `#${[...rawColor.slice(1)].map((c) => c + c).join('')}`.toUpperCase()
          : null
    const description =
      typeof raw.Description === 'string' ? raw.Description : (raw.Description?.['#text'] ?? '')
    out.push({ id, parentId, label: name, description, color, codable: raw['@_isCodable'] !== 'false' })
    for (const child of raw.Code ?? []) visit(child, id)
  }
  for (const raw of book.Codes?.Code ?? []) visit(raw, null)
  return out
}
