/**
 * Reading a REFI-QDA project (.qdpx) made by ATLAS.ti, NVivo, MAXQDA, QualCoder or Tisserand:
 * the project file, the text of each source and every selection, turned into plain data with
 * positions in UTF-16 offsets of the source's LF text. Pure (no database). The traps each tool
 * sets are handled here:
 * - the `.qde` file has any name (ATLAS.ti), not only `project.qde`;
 * - a byte-order mark before the text (or the XML) is not a character;
 * - CRLF: some tools count it as two positions, others as one; the selection names (the coded
 *   text, where the tool writes it) decide, else the positions that fit, else two (the file's
 *   characters, as the standard says);
 * - positions are Unicode code points (an emoji is one), JavaScript strings count UTF-16 units;
 * - a source with only a DOCX (rich text) gets the DOCX's paragraphs as its text;
 * - selections without a coding, and codings of unknown codes, are skipped;
 * - file variables in a case without a name (MAXQDA) belong to that case's sources.
 */
import { strFromU8, unzipSync } from 'fflate'
import { utf16Offset } from '../../anchors/text-anchors.ts'
import { ApiError } from '../../errors.ts'
import { type ImportedCode, parseQdc } from './qdc.ts'
import { refiParser } from './xml.ts'

export interface QdpxSelection {
  /** UTF-16 offsets in the source's LF text, end exclusive. */
  from: number
  to: number
  codings: { codeGuid: string; userGuid: string | null }[]
  /** Notes attached to the passage (memos): they become comment threads on it. */
  noteGuids: string[]
}

export interface QdpxSource {
  guid: string
  name: string
  /** LF line ends, no byte-order mark. */
  text: string
  userGuid: string | null
  selections: QdpxSelection[]
}

export interface QdpxCase {
  guid: string
  name: string
  codeGuids: string[]
  variables: { name: string; value: string }[]
  sourceGuids: string[]
}

export interface QdpxProject {
  name: string
  /** The tool that wrote it (the Project's `origin`). */
  origin: string
  users: { guid: string; name: string }[]
  codes: ImportedCode[]
  sources: QdpxSource[]
  cases: QdpxCase[]
  notes: { guid: string; name: string; text: string; userGuid: string | null }[]
}

// biome-ignore lint/suspicious/noExplicitAny: the parsed XML of another tool; each field is checked where it is read.
type Raw = Record<string, any>

const ARRAYS = new Set([
  'User',
  'TextSource',
  'PlainTextSelection',
  'Coding',
  'Case',
  'CodeRef',
  'VariableValue',
  'SourceRef',
  'Variable',
  'Note',
  'NoteRef',
])

const guidOf = (raw: Raw | undefined) =>
  String(raw?.['@_guid'] ?? raw?.['@_targetGUID'] ?? '')
    .replace(/^\{|\}$/g, '')
    .toLowerCase()

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)

const textOf = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : value && typeof value === 'object'
      ? String((value as Raw)['#text'] ?? '')
      : ''

export function readQdpx(bytes: Uint8Array, fallbackName = 'Projet importé'): QdpxProject {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes)
  } catch {
    throw new ApiError(400, 'invalid_qdpx', 'Not a .qdpx file (a zip archive)')
  }
  const names = Object.keys(files)
  const qde =
    names.find((n) => n.toLowerCase().endsWith('.qde') && !n.includes('/')) ??
    names.find((n) => n.toLowerCase().endsWith('.qde'))
  if (!qde) throw new ApiError(400, 'invalid_qdpx', 'The archive has no project file (.qde)')
  const xml = stripBom(strFromU8(files[qde] as Uint8Array))
  const parser = refiParser((name) => ARRAYS.has(name))
  let project: Raw
  try {
    project = (parser.parse(xml) as Raw).Project
  } catch (error) {
    throw new ApiError(
      400,
      'invalid_qdpx',
      `The project file is not well-formed XML: ${(error as Error).message}`,
    )
  }
  if (!project) throw new ApiError(400, 'invalid_qdpx', 'The project file has no Project element')

  const file = (path: string): Uint8Array | undefined => {
    const wanted = path.replace(/^internal:\/\//i, '').replace(/^\/+/, '')
    const candidates = [wanted, `sources/${wanted}`, `Sources/${wanted}`]
    for (const c of candidates) if (files[c]) return files[c]
    const lower = new Map(names.map((n) => [n.toLowerCase(), n]))
    for (const c of candidates) {
      const found = lower.get(c.toLowerCase())
      if (found) return files[found]
    }
    return undefined
  }

  const codes = project.CodeBook ? parseQdc(xml) : []
  const sources: QdpxSource[] = []
  for (const raw of (project.Sources?.TextSource ?? []) as Raw[]) {
    const guid = guidOf(raw)
    let original: string | null = null
    const plainPath = raw['@_plainTextPath'] as string | undefined
    const plainBytes = plainPath ? file(plainPath) : undefined
    if (plainBytes) original = stripBom(strFromU8(plainBytes))
    else if (raw.PlainTextContent !== undefined) original = stripBom(textOf(raw.PlainTextContent))
    else {
      const richPath = raw['@_richTextPath'] as string | undefined
      const docx = richPath ? file(richPath) : undefined
      if (docx) original = docxText(docx)
    }
    if (original === null) continue
    sources.push(readSource(raw, guid, original))
  }

  const variableNames = new Map<string, string>()
  for (const v of (project.Variables?.Variable ?? []) as Raw[])
    variableNames.set(guidOf(v), String(v['@_name'] ?? ''))
  const cases: QdpxCase[] = ((project.Cases?.Case ?? []) as Raw[]).map((raw) => ({
    guid: guidOf(raw),
    name: String(raw['@_name'] ?? '').trim(),
    codeGuids: ((raw.CodeRef ?? []) as Raw[]).map(guidOf),
    variables: ((raw.VariableValue ?? []) as Raw[]).flatMap((vv) => {
      const name = variableNames.get(guidOf(vv.VariableRef)) ?? ''
      const valueKey = Object.keys(vv).find((k) => k.endsWith('Value') && k !== 'VariableRef')
      const value = valueKey ? textOf(vv[valueKey]) : ''
      return name ? [{ name, value }] : []
    }),
    sourceGuids: ((raw.SourceRef ?? []) as Raw[]).map(guidOf),
  }))
  const notes = ((project.Notes?.Note ?? []) as Raw[]).map((raw) => ({
    guid: guidOf(raw),
    name: String(raw['@_name'] ?? '').trim() || 'Note',
    text: stripBom(textOf(raw.PlainTextContent)).replace(/\r\n?/g, '\n'),
    userGuid: raw['@_creatingUser'] ? guidOf({ '@_guid': raw['@_creatingUser'] }) : null,
  }))
  return {
    name: String(project['@_name'] ?? '').trim() || fallbackName,
    origin: String(project['@_origin'] ?? '').trim(),
    users: ((project.Users?.User ?? []) as Raw[]).map((u) => ({
      guid: guidOf(u),
      name: String(u['@_name'] ?? '').trim() || 'Codeur',
    })),
    codes,
    sources,
    cases,
    notes,
  }
}

/** One source: its LF text and its selections moved onto it. */
function readSource(raw: Raw, guid: string, original: string): QdpxSource {
  const rawSelections = ((raw.PlainTextSelection ?? []) as Raw[]).map((s) => ({
    start: Number(s['@_startPosition']),
    end: Number(s['@_endPosition']),
    name: typeof s['@_name'] === 'string' ? (s['@_name'] as string) : null,
    codings: ((s.Coding ?? []) as Raw[])
      .map((c) => ({
        codeGuid: guidOf((c.CodeRef as Raw[] | undefined)?.[0]),
        userGuid: c['@_creatingUser'] ? guidOf({ '@_guid': c['@_creatingUser'] }) : null,
      }))
      .filter((c) => c.codeGuid),
    userGuid: s['@_creatingUser'] ? guidOf({ '@_guid': s['@_creatingUser'] }) : null,
    noteGuids: ((s.NoteRef ?? []) as Raw[]).map(guidOf).filter(Boolean),
  }))
  const lf = original.replace(/\r\n?/g, '\n')
  // CRLF counted as two positions (the file's characters) or as one (its lines): pick the reading
  // under which the selections' names are the text they select, then the one where all fit.
  const twoUnits = original.replace(/\r(?!\n)/g, '\n')
  const countsTwo = original.includes('\r\n') ? chooseCrlf(twoUnits, lf, rawSelections) : false
  const positions = countsTwo ? twoUnits : lf
  const toLf = (cp: number) => {
    const utf16 = utf16Offset(positions, cp)
    if (!countsTwo) return utf16
    // Every CR of a CRLF before the offset is one unit less in the LF text.
    let crs = 0
    for (let i = 0; i < utf16; i += 1) if (positions[i] === '\r' && positions[i + 1] === '\n') crs += 1
    return utf16 - crs
  }
  const selections: QdpxSelection[] = []
  for (const s of rawSelections) {
    // A selection with neither coding nor note says nothing to keep.
    if (!Number.isFinite(s.start) || !Number.isFinite(s.end)) continue
    if (s.codings.length === 0 && s.noteGuids.length === 0) continue
    const from = toLf(Math.max(0, s.start))
    const to = toLf(Math.max(0, s.end))
    if (to <= from) continue
    selections.push({
      from,
      to,
      codings: s.codings.map((c) => ({ codeGuid: c.codeGuid, userGuid: c.userGuid ?? s.userGuid })),
      noteGuids: s.noteGuids,
    })
  }
  return {
    guid,
    name: String(raw['@_name'] ?? '').trim() || 'Source',
    text: lf,
    userGuid: raw['@_creatingUser'] ? guidOf({ '@_guid': raw['@_creatingUser'] }) : null,
    selections,
  }
}

function chooseCrlf(
  twoUnits: string,
  lf: string,
  selections: { start: number; end: number; name: string | null }[],
): boolean {
  const slice = (text: string, start: number, end: number) =>
    text.slice(utf16Offset(text, start), utf16Offset(text, end)).replace(/\r\n/g, '\n')
  const score = (text: string) =>
    selections.filter(
      (s) => s.name !== null && slice(text, s.start, s.end) === s.name.replace(/\r\n?/g, '\n'),
    ).length
  const two = score(twoUnits)
  const one = score(lf)
  // A tie (no names to judge by) keeps the standard's reading: the file's characters.
  return two !== one ? two > one : true
}

/** The paragraphs of a DOCX's main document, one line each. */
function docxText(bytes: Uint8Array): string | null {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes)
  } catch {
    return null
  }
  const document = files['word/document.xml']
  if (!document) return null
  const xml = strFromU8(document)
  const paragraphs: string[] = []
  for (const [, body] of xml.matchAll(/<w:p[ >]([\s\S]*?)<\/w:p>/g)) {
    let line = ''
    for (const [tag, , text] of (body ?? '').matchAll(
      /<w:(t)(?: [^>]*)?>([\s\S]*?)<\/w:t>|<w:tab\/>|<w:br\/>/g,
    )) {
      if (tag.startsWith('<w:tab')) line += '\t'
      else if (tag.startsWith('<w:br')) line += '\n'
      else line += decodeEntities(text ?? '')
    }
    paragraphs.push(line)
  }
  return paragraphs.join('\n')
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase()
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16))
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)))
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? ''
  })
}
