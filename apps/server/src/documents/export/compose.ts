/**
 * What a page export and the study dossier say, in order, told to a format's writer (md, html,
 * docx, pdf). The composers read one page at a time from the ExportSource and hand each writer
 * only that page, so a writer that streams (html, pdf, md) never holds the whole workspace.
 */
import { diagramSvg, layoutDiagram } from '@tisserand/typology-diagram'
import type { Page } from '../../pages/index.ts'
import { DIAGRAM_FONT, type RasterImage, svgToPng } from './assets.ts'
import { type Block, type ExportBody, type Inline, shiftHeadings } from './model.ts'
import type { ExportImage, ExportSource } from './source.ts'

/** What a writer needs to draw a body: resolved before, so writers stay synchronous. */
export interface BodyContext {
  title(pageId: string): string
  /** Where a page link points: an anchor inside the document, or the page in the app. */
  href(pageId: string): string
  image(fileId: string): ExportImage | null
  quotation(codingId: string): { text: string; caseTitle: string } | null
  /** An evidence table's cells, or null when it could not be read. */
  evidence(block: Extract<Block, { t: 'evidence' }>): { head: string[]; rows: string[][] } | null
}

export interface Figure {
  png: RasterImage
  svg: string
  caption: string
  alt: string
}

export interface TocEntry {
  id: string
  title: string
  level: number
}

export interface HeadingOptions {
  /** Starts a new page. */
  pageBreak?: boolean
  /** That page is landscape, for a wide figure (writers with pages may follow it; the next break returns to portrait). */
  landscape?: boolean
}

export interface DocWriter {
  /** The document's first page: title, subtitle lines. */
  titlePage(title: string, lines: string[]): void
  /** Where the table of contents goes (writers that can only write it at the end note the place). */
  toc(entries: TocEntry[]): void
  /** A single page's title (Word: the Title style, so the body's headings keep their levels). */
  pageTitle(entry: TocEntry): void
  /** A titled part that the table of contents lists; `id` anchors it (page links point to it). */
  heading(entry: TocEntry, options?: HeadingOptions): void
  paragraph(content: Inline[]): void
  /** Label / value rows (case properties, usage counts). */
  table(head: string[], rows: string[][]): void
  figure(figure: Figure): void
  /** A quotation with its source, as the index of codes lists them. */
  quote(text: string, source: string): void
  body(body: ExportBody, ctx: BodyContext): void
  /** Ends the document and gives its bytes (writers that stream have given them already). */
  end(): Promise<void>
  /** Waits until what was written so far has left (set by the route): called between chapters. */
  drain?: () => Promise<void>
}

export const text = (s: string): Inline[] => [{ t: 'text', text: s, marks: {} }]
const italic = (s: string): Inline[] => [{ t: 'text', text: s, marks: { italic: true } }]

/** French punctuation: a no-break space before « : ; ? ! » and inside « », where a space was typed. */
export function frenchSpacing(s: string): string {
  return s.replace(/[ \t]+([:;?!»])/g, '\u00a0$1').replace(/«[ \t]+/g, '«\u00a0')
}

function frenchBlocks(blocks: Block[]): Block[] {
  const inl = (content: Inline[]): Inline[] =>
    content.map((i) =>
      i.t === 'text' && !i.marks.code && !i.marks.href ? { ...i, text: frenchSpacing(i.text) } : i,
    )
  const block = (b: Block): Block => {
    switch (b.t) {
      case 'heading':
      case 'paragraph':
        return { ...b, content: inl(b.content) }
      case 'list':
      case 'tasks':
        return { ...b, items: b.items.map((it) => ({ ...it, blocks: it.blocks.map(block) })) }
      case 'quote':
      case 'callout':
        return { ...b, blocks: b.blocks.map(block) }
      case 'table':
        return { ...b, rows: b.rows.map((r) => r.map((c) => ({ ...c, blocks: c.blocks.map(block) }))) }
      default:
        return b
    }
  }
  return blocks.map(block)
}

type EvidenceBlock = Extract<Block, { t: 'evidence' }>

function collect(blocks: Block[], files: Set<string>, codings: Set<string>, evidence: EvidenceBlock[]): void {
  for (const b of blocks) {
    if (b.t === 'image' && b.fileId) files.add(b.fileId)
    else if (b.t === 'quotation') codings.add(b.codingId)
    else if (b.t === 'evidence') evidence.push(b)
    else if (b.t === 'list' || b.t === 'tasks')
      for (const it of b.items) collect(it.blocks, files, codings, evidence)
    else if (b.t === 'quote' || b.t === 'callout') collect(b.blocks, files, codings, evidence)
    else if (b.t === 'table')
      for (const r of b.rows) for (const c of r) collect(c.blocks, files, codings, evidence)
  }
}

/** Loads what a body names (images, quoted passages) and gives the writer's context. */
async function contextFor(
  source: ExportSource,
  body: ExportBody,
  userId: string,
  href: (pageId: string) => string,
  title: (pageId: string) => string,
): Promise<BodyContext> {
  const files = new Set<string>()
  const codings = new Set<string>()
  const evidenceBlocks: EvidenceBlock[] = []
  collect(body.blocks, files, codings, evidenceBlocks)
  const evidence = new Map<EvidenceBlock, { head: string[]; rows: string[][] } | null>()
  for (const b of evidenceBlocks) evidence.set(b, await source.evidence(b).catch(() => null))
  const images = new Map<string, ExportImage | null>()
  for (const id of files) images.set(id, await source.image(id, userId))
  const quotes = new Map<string, { text: string; caseTitle: string } | null>()
  for (const id of codings) quotes.set(id, await source.quotation(id))
  return {
    title,
    href,
    image: (id) => images.get(id) ?? null,
    quotation: (id) => quotes.get(id) ?? null,
    evidence: (b) => evidence.get(b) ?? null,
  }
}

const appHref = (pageId: string) => `/p/${encodeURIComponent(pageId)}`
export const anchorOf = (pageId: string) => `page-${pageId}`

export interface PageExportOptions {
  comments: boolean
  codes: boolean
}

/** One page: its title, its case properties and codes, its body (and its notes). */
export async function composePage(
  source: ExportSource,
  page: Page,
  writer: DocWriter,
  options: PageExportOptions & { userId: string },
): Promise<void> {
  const title = await source.titleOf()
  writer.pageTitle({ id: anchorOf(page.id), title: page.title, level: 1 })
  const props = await source.properties(page.id)
  const codes = await source.caseCodes(page.id)
  if (codes.length > 0) props.push([codes.length > 1 ? 'Codes' : 'Code', codes.join(', ')])
  if (props.length > 0) writer.table(['Propriété', 'Valeur'], props)
  const body = await source.body(page, options)
  writer.body(body, await contextFor(source, body, options.userId, appHref, title))
  await writer.end()
}

export interface DossierOptions {
  rootId?: string
  discussions: boolean
  userId: string
  /** Told as each page is done: `done` of `total`. */
  progress?: (done: number, total: number) => void
}

/** « 1er décembre 2026 »: French writes the first of the month as an ordinal. */
const dateFr = (ms: number) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' })
    .format(new Date(ms))
    .replace(/^1 /, '1er ')

/** The typology diagram as the typology page draws it, with its usage counts, as a figure. */
export async function diagramFigure(source: ExportSource): Promise<Figure | null> {
  const input = await source.diagramInput()
  if (input.codes.length === 0) return null
  const layout = layoutDiagram(input)
  const svg = diagramSvg(layout, { fontFamily: DIAGRAM_FONT, title: 'Typologie' })
  return {
    svg,
    png: await svgToPng(svg, 2),
    caption: 'Figure 1 — La typologie, avec le nombre d’usages de chaque code',
    alt: `Schéma de la typologie : ${input.codes
      .filter((c) => c.depth === 0)
      .map((c) => c.label)
      .join(', ')}`,
  }
}

/**
 * The study dossier: title page, table of contents, the synthesis, the typology diagram, one
 * chapter per case sheet (tree order) with its properties, the index of codes, and the open
 * discussions as an appendix when asked.
 */
export async function composeDossier(
  source: ExportSource,
  writer: DocWriter,
  options: DossierOptions,
): Promise<void> {
  const pages = await source.pagesInTreeOrder(options.rootId)
  const syntheses = pages.filter((p) => p.kind === 'synthesis')
  const cases = pages.filter((p) => p.kind === 'case')
  const included = new Set([...syntheses, ...cases].map((p) => p.id))
  const titleOf = await source.titleOf()
  const href = (pageId: string) => (included.has(pageId) ? `#${anchorOf(pageId)}` : appHref(pageId))
  const total = syntheses.length + cases.length
  let done = 0

  const name = await source.workspaceName()
  const root = options.rootId ? pages[0] : undefined
  writer.titlePage(name, [
    'Dossier d’étude',
    ...(root ? [`Partie : ${root.title}`] : []),
    `${cases.length} fiche${cases.length > 1 ? 's' : ''} de cas`,
    `Exporté de Tisserand le ${dateFr(Date.now())}`,
  ])
  const toc: TocEntry[] = []
  const push = (id: string, title: string, level: number) => {
    const entry = { id, title: frenchSpacing(title), level }
    toc.push(entry)
    return entry
  }
  const synthesisEntry = push('synthese', 'Synthèse', 1)
  const synthesisPages = syntheses.map((p) => push(anchorOf(p.id), p.title, 2))
  const typologyEntry = push('typologie', 'Typologie', 1)
  const casesEntry = push('fiches-de-cas', 'Fiches de cas', 1)
  const caseEntries = cases.map((p) => push(anchorOf(p.id), p.title, 2))
  const indexEntry = push('index-des-codes', 'Index des codes', 1)
  const appendixEntry = options.discussions
    ? push('discussions-ouvertes', 'Annexe : discussions ouvertes', 1)
    : null
  writer.toc(toc)

  const chapter = async (
    page: (typeof pages)[number],
    entry: TocEntry,
    withProperties: boolean,
    pageBreak: boolean,
  ) => {
    writer.heading(entry, { pageBreak })
    if (withProperties) {
      const props = await source.properties(page.id)
      const codes = await source.caseCodes(page.id)
      if (codes.length > 0) props.push([codes.length > 1 ? 'Codes' : 'Code', codes.join(', ')])
      if (props.length > 0)
        writer.table(
          ['Propriété', 'Valeur'],
          props.map(([k, v]) => [k, frenchSpacing(v)]),
        )
    }
    const body = await source.body(page, { comments: false, codes: false })
    const shifted = { ...body, blocks: frenchBlocks(shiftHeadings(body.blocks, 2)) }
    writer.body(shifted, await contextFor(source, shifted, options.userId, href, titleOf))
    source.releaseImages()
    await writer.drain?.()
    done += 1
    options.progress?.(done, total)
  }

  writer.heading(synthesisEntry, { pageBreak: true })
  if (syntheses.length === 0) writer.paragraph(italic('Aucune synthèse dans cette partie de l’espace.'))
  for (const [i, page] of syntheses.entries())
    await chapter(page, synthesisPages[i] as TocEntry, false, false)

  writer.heading(typologyEntry, { pageBreak: true, landscape: true })
  const figure = await diagramFigure(source)
  const { codes, usage } = await source.diagramInput()
  if (figure) writer.figure(figure)
  const uses = new Map(usage.map((u) => [u.codeId, u]))
  writer.table(
    ['Code', 'Passages', 'Cas'],
    codes.map((c) => [
      `${'  '.repeat(c.depth)}${c.label}`,
      String(uses.get(c.id)?.passages ?? 0),
      String(uses.get(c.id)?.cases ?? 0),
    ]),
  )

  writer.heading(casesEntry, { pageBreak: true })
  if (cases.length === 0) writer.paragraph(italic('Aucune fiche de cas dans cette partie de l’espace.'))
  for (const [i, page] of cases.entries()) await chapter(page, caseEntries[i] as TocEntry, true, i > 0)

  writer.heading(indexEntry, { pageBreak: true })
  const passages = await source.codedPassages(included)
  const byCode = new Map<string, typeof passages>()
  for (const p of passages) byCode.set(p.codeId, [...(byCode.get(p.codeId) ?? []), p])
  for (const code of codes) {
    writer.heading({
      id: `code-${code.id}`,
      title: frenchSpacing(code.path.join(' › ')),
      level: Math.min(3 + code.depth, 6),
    })
    const list = byCode.get(code.id) ?? []
    if (list.length === 0) writer.paragraph(italic('Aucun passage codé.'))
    for (const p of list) writer.quote(frenchSpacing(p.text), p.caseTitle)
  }

  if (appendixEntry) {
    writer.heading(appendixEntry, { pageBreak: true })
    const threads = await source.openThreads([...included])
    if (threads.length === 0) writer.paragraph(italic('Aucune discussion ouverte.'))
    for (const t of threads) {
      writer.heading({
        id: `discussion-${t.id}`,
        title: frenchSpacing(`${titleOf(t.pageId)} — « ${t.quote} »`),
        level: 3,
      })
      for (const m of t.messages.filter((m) => !m.deleted))
        writer.paragraph([
          { t: 'text', text: `${m.author.name}\u00a0: `, marks: { bold: true } },
          ...text(frenchSpacing(m.body.replace(/@\[([^\]]*)\]\([^)]*\)/g, '@$1'))),
        ])
    }
  }
  await writer.end()
}
