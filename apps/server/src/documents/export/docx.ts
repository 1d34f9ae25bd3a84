/**
 * The Word writer, with the `docx` package (loaded on first use): real heading styles
 * (HeadingLevel), real numbering for lists, real tables, embedded images (ImageRun), real
 * footnotes, a table of contents field, page numbers in the footer. Word needs the whole
 * document before it packs it, so this writer keeps its paragraphs (never the page bodies'
 * Y.Docs) and streams the packed file at the end.
 */
import type { Readable } from 'node:stream'
import type { BodyContext, DocWriter, Figure, HeadingOptions, TocEntry } from './compose.ts'
import { type Block, type Inline, safeHref } from './model.ts'

type Docx = typeof import('docx')
type Child = import('docx').Paragraph | import('docx').Table | import('docx').TableOfContents
type Run = import('docx').ParagraphChild

const MAX_WIDTH = 600
const MAX_WIDTH_LANDSCAPE = 860

/** Word bookmark names: a letter first, letters, digits and underscores, at most 40. */
const bookmark = (id: string) => `b_${id.replace(/[^A-Za-z0-9]/g, '_')}`.slice(0, 40)

export class DocxWriter implements DocWriter {
  /** Sections of the document, each with its orientation; `children` is the open one's content. */
  private readonly sections: { landscape: boolean; children: Child[] }[] = [
    { landscape: false, children: [] },
  ]
  private children: Child[] = (this.sections[0] as { children: Child[] }).children
  private readonly footnotes: Record<number, { children: import('docx').Paragraph[] }> = {}
  private nextNote = 1
  private lists = 0
  private readonly headingLevels: Docx['HeadingLevel'][keyof Docx['HeadingLevel']][]

  constructor(
    private readonly d: Docx,
    private readonly title: string,
    private readonly done: (stream: Readable) => Promise<void>,
  ) {
    const H = d.HeadingLevel
    this.headingLevels = [H.HEADING_1, H.HEADING_2, H.HEADING_3, H.HEADING_4, H.HEADING_5, H.HEADING_6]
  }

  titlePage(title: string, lines: string[]): void {
    const { Paragraph, TextRun, AlignmentType } = this.d
    this.children.push(
      new Paragraph({
        heading: this.d.HeadingLevel.TITLE,
        alignment: AlignmentType.CENTER,
        spacing: { before: 2400 },
        children: [new TextRun(title)],
      }),
      ...lines.map(
        (l) =>
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [new TextRun({ text: l, italics: true })],
          }),
      ),
    )
  }

  toc(): void {
    this.children.push(
      new this.d.Paragraph({
        pageBreakBefore: true,
        style: 'TocHeading',
        children: [new this.d.TextRun('Table des matières')],
      }),
      new this.d.TableOfContents('Table des matières', { hyperlink: true, headingStyleRange: '1-2' }),
    )
  }

  pageTitle(entry: TocEntry): void {
    const { Paragraph, Bookmark, TextRun } = this.d
    this.children.push(
      new Paragraph({
        heading: this.d.HeadingLevel.TITLE,
        children: [new Bookmark({ id: bookmark(entry.id), children: [new TextRun(entry.title)] })],
      }),
    )
  }

  heading(entry: TocEntry, options?: HeadingOptions): void {
    const { Paragraph, Bookmark, TextRun } = this.d
    // A new section starts on a new page: a landscape one for a wide figure, a portrait one after it.
    const current = this.sections.at(-1)
    const landscape = Boolean(options?.landscape)
    let breakBefore = options?.pageBreak ?? false
    if (options?.pageBreak && current && current.landscape !== landscape && current.children.length > 0) {
      const next = { landscape, children: [] as Child[] }
      this.sections.push(next)
      this.children = next.children
      breakBefore = false
    } else if (current && current.children.length === 0) current.landscape = landscape || current.landscape
    this.children.push(
      new Paragraph({
        heading: this.headingLevels[Math.min(6, Math.max(1, entry.level)) - 1],
        pageBreakBefore: breakBefore,
        children: [new Bookmark({ id: bookmark(entry.id), children: [new TextRun(entry.title)] })],
      }),
    )
  }

  paragraph(content: Inline[]): void {
    this.children.push(new this.d.Paragraph({ children: this.runs(content, null, new Map()) }))
  }

  table(head: string[], rows: string[][]): void {
    const { Table, TableRow, TableCell, Paragraph, TextRun, WidthType } = this.d
    const cell = (s: string, bold: boolean) =>
      new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: s, bold })] })] })
    this.children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
          ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
        ],
      }),
      new Paragraph({}),
    )
  }

  figure(figure: Figure): void {
    const { Paragraph, ImageRun, TextRun, AlignmentType } = this.d
    const room = this.sections.at(-1)?.landscape ? MAX_WIDTH_LANDSCAPE : MAX_WIDTH
    const scale = Math.min(1, room / figure.png.width)
    this.children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: 'png',
            data: figure.png.bytes,
            transformation: {
              width: Math.round(figure.png.width * scale),
              height: Math.round(figure.png.height * scale),
            },
            altText: { name: 'Typologie', title: 'Typologie', description: figure.alt },
          }),
        ],
      }),
      new Paragraph({
        style: 'Caption',
        alignment: AlignmentType.CENTER,
        children: [new TextRun(figure.caption)],
      }),
    )
  }

  quote(text: string, source: string): void {
    const { Paragraph, TextRun } = this.d
    this.children.push(
      new Paragraph({ style: 'Quote', children: [new TextRun(`« ${text} »`)] }),
      new Paragraph({ style: 'QuoteSource', children: [new TextRun(`— ${source}`)] }),
    )
  }

  body(body: { blocks: Block[]; notes: string[] }, ctx: BodyContext): void {
    // The body's notes become the document's footnotes, numbered across the whole document.
    const ids = new Map<number, number>()
    body.notes.forEach((note, i) => {
      const id = this.nextNote++
      ids.set(i + 1, id)
      this.footnotes[id] = { children: [new this.d.Paragraph(note)] }
    })
    for (const b of body.blocks) this.block(b, ctx, ids, 0, null)
  }

  async end(): Promise<void> {
    const d = this.d
    const bulletLevels = Array.from({ length: 9 }, (_, level) => ({
      level,
      format: d.LevelFormat.BULLET,
      text: ['•', '◦', '▪'][level % 3] as string,
      alignment: d.AlignmentType.LEFT,
      style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
    }))
    const orderedLevels = Array.from({ length: 9 }, (_, level) => ({
      level,
      format: [d.LevelFormat.DECIMAL, d.LevelFormat.LOWER_LETTER, d.LevelFormat.LOWER_ROMAN][
        level % 3
      ] as (typeof d.LevelFormat)[keyof typeof d.LevelFormat],
      text: `%${level + 1}.`,
      alignment: d.AlignmentType.LEFT,
      style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
    }))
    const doc = new d.Document({
      title: this.title,
      creator: 'Tisserand',
      features: { updateFields: true },
      styles: {
        paragraphStyles: [
          {
            id: 'Quote',
            name: 'Quote',
            basedOn: 'Normal',
            next: 'Normal',
            run: { italics: true, color: '374151' },
            paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 120, after: 60 } },
          },
          {
            id: 'QuoteSource',
            name: 'Quote Source',
            basedOn: 'Normal',
            next: 'Normal',
            run: { color: '4B5563', size: 20 },
            paragraph: { indent: { left: 720 }, spacing: { after: 200 } },
          },
          {
            id: 'Callout',
            name: 'Callout',
            basedOn: 'Normal',
            next: 'Normal',
            paragraph: {
              indent: { left: 360 },
              border: { left: { style: d.BorderStyle.SINGLE, size: 18, color: '2563EB', space: 8 } },
            },
          },
          {
            id: 'Caption',
            name: 'caption',
            basedOn: 'Normal',
            next: 'Normal',
            run: { italics: true, size: 20 },
          },
          {
            id: 'TocHeading',
            name: 'TOC Heading',
            basedOn: 'Normal',
            next: 'Normal',
            run: { bold: true, size: 32 },
          },
          {
            id: 'Code',
            name: 'Code',
            basedOn: 'Normal',
            next: 'Normal',
            run: { font: 'Courier New', size: 20 },
          },
        ],
      },
      numbering: {
        config: [
          { reference: 'bullets', levels: bulletLevels },
          { reference: 'ordered', levels: orderedLevels },
        ],
      },
      footnotes: this.footnotes,
      sections: this.sections.map((section) => ({
        properties: section.landscape ? { page: { size: { orientation: d.PageOrientation.LANDSCAPE } } } : {},
        footers: {
          default: new d.Footer({
            children: [
              new d.Paragraph({
                alignment: d.AlignmentType.CENTER,
                children: [new d.TextRun({ children: [d.PageNumber.CURRENT] })],
              }),
            ],
          }),
        },
        children: section.children,
      })),
    })
    await this.done(d.Packer.toStream(doc) as Readable)
  }

  private block(
    b: Block,
    ctx: BodyContext,
    notes: Map<number, number>,
    depth: number,
    style: string | null,
  ): void {
    const { Paragraph, TextRun } = this.d
    const push = (p: Child) => this.children.push(p)
    switch (b.t) {
      case 'heading':
        push(
          new Paragraph({
            heading: this.headingLevels[b.level - 1],
            children: this.runs(b.content, ctx, notes),
          }),
        )
        return
      case 'paragraph':
        push(new Paragraph({ ...(style ? { style } : {}), children: this.runs(b.content, ctx, notes) }))
        return
      case 'list': {
        const instance = ++this.lists
        for (const item of b.items)
          this.item(item.blocks, ctx, notes, depth, b.ordered ? 'ordered' : 'bullets', instance, null)
        return
      }
      case 'tasks':
        for (const item of b.items) this.item(item.blocks, ctx, notes, depth, null, 0, Boolean(item.checked))
        return
      case 'quote':
        for (const inner of b.blocks) this.block(inner, ctx, notes, depth, 'Quote')
        return
      case 'callout':
        for (const inner of b.blocks) this.block(inner, ctx, notes, depth, 'Callout')
        return
      case 'code':
        for (const line of b.text.split('\n'))
          push(new Paragraph({ style: 'Code', children: [new TextRun(line)] }))
        return
      case 'rule':
        push(
          new Paragraph({
            border: { bottom: { style: this.d.BorderStyle.SINGLE, size: 6, color: '9CA3AF', space: 1 } },
            children: [],
          }),
        )
        return
      case 'image': {
        const image = b.fileId ? ctx.image(b.fileId) : null
        if (!image || image.width === 0) {
          if (b.alt) push(new Paragraph({ children: [new TextRun({ text: `[${b.alt}]`, italics: true })] }))
          return
        }
        const scale = Math.min(1, MAX_WIDTH / image.width)
        push(
          new Paragraph({
            children: [
              new this.d.ImageRun({
                type: image.type,
                data: image.bytes,
                transformation: {
                  width: Math.round(image.width * scale),
                  height: Math.round(image.height * scale),
                },
                altText: { name: b.alt || 'image', title: b.alt || 'image', description: b.alt || 'image' },
              }),
            ],
          }),
        )
        return
      }
      case 'table': {
        const { Table, TableRow, TableCell, WidthType, ShadingType } = this.d
        push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: b.rows.map(
              (row, i) =>
                new TableRow({
                  // Only a header row says so: readers such as mammoth take any tblHeader as one.
                  ...(i === 0 && row.every((c) => c.header) ? { tableHeader: true } : {}),
                  children: row.map(
                    (cell) =>
                      new TableCell({
                        ...(cell.colspan > 1 ? { columnSpan: cell.colspan } : {}),
                        ...(cell.rowspan > 1 ? { rowSpan: cell.rowspan } : {}),
                        // Header cells are shaded, not made bold: their text keeps its own marks.
                        ...(cell.header
                          ? { shading: { fill: 'F3F4F6', type: ShadingType.CLEAR, color: 'auto' } }
                          : {}),
                        children: this.cellParagraphs(cell.blocks, ctx, notes),
                      }),
                  ),
                }),
            ),
          }),
        )
        push(new Paragraph({}))
        return
      }
      case 'quotation': {
        const q = ctx.quotation(b.codingId)
        if (q) this.quote(q.text, q.caseTitle)
        else push(new Paragraph({ style: 'Quote', children: [new TextRun('Citation indisponible')] }))
        return
      }
      case 'evidence': {
        const table = ctx.evidence(b)
        if (table && table.rows.length > 0) this.table(table.head, table.rows)
        else {
          const text = table ? 'Tableau de preuves sans passage' : 'Tableau de preuves indisponible'
          push(new Paragraph({ children: [new TextRun({ text, italics: true })] }))
        }
        return
      }
    }
  }

  /** A list item: its first paragraph carries the number or bullet; nested lists go one level down. */
  private item(
    blocks: Block[],
    ctx: BodyContext,
    notes: Map<number, number>,
    depth: number,
    reference: 'ordered' | 'bullets' | null,
    instance: number,
    /** A task: a Word checkbox (a content control that readers such as mammoth know) before its text. */
    checked: boolean | null,
  ): void {
    const { Paragraph, TextRun } = this.d
    let first = true
    for (const inner of blocks) {
      if (inner.t === 'list' || inner.t === 'tasks') {
        this.block(inner, ctx, notes, depth + 1, null)
        continue
      }
      if (inner.t === 'paragraph' || inner.t === 'heading') {
        const runs = this.runs(inner.content, ctx, notes)
        if (first && checked !== null) runs.unshift(new this.d.CheckBox({ checked }), new TextRun(' '))
        this.children.push(
          new Paragraph({
            ...(first && reference
              ? { numbering: { reference, level: Math.min(depth, 8), instance } }
              : { indent: { left: 720 * (depth + 1) } }),
            children: runs,
          }),
        )
        first = false
        continue
      }
      this.block(inner, ctx, notes, depth, null)
      first = false
    }
  }

  private cellParagraphs(blocks: Block[], ctx: BodyContext, notes: Map<number, number>) {
    const out: import('docx').Paragraph[] = []
    for (const b of blocks) {
      if (b.t === 'paragraph' || b.t === 'heading') {
        out.push(new this.d.Paragraph({ children: this.runs(b.content, ctx, notes) }))
      } else if (b.t === 'list' || b.t === 'tasks')
        for (const item of b.items)
          for (const inner of item.blocks)
            if (inner.t === 'paragraph')
              out.push(
                new this.d.Paragraph({
                  bullet: { level: 0 },
                  children: this.runs(inner.content, ctx, notes),
                }),
              )
    }
    return out.length > 0 ? out : [new this.d.Paragraph({})]
  }

  private runs(content: Inline[], ctx: BodyContext | null, notes: Map<number, number>): Run[] {
    const { TextRun, ExternalHyperlink, InternalHyperlink, FootnoteReferenceRun } = this.d
    const out: Run[] = []
    for (const i of content) {
      switch (i.t) {
        case 'break':
          out.push(new TextRun({ break: 1 }))
          break
        case 'note': {
          const id = notes.get(i.n)
          if (id) out.push(new FootnoteReferenceRun(id))
          break
        }
        case 'pageLink': {
          const title = ctx?.title(i.pageId) ?? ''
          const href = ctx?.href(i.pageId) ?? ''
          const run = new TextRun({ text: title, style: 'Hyperlink' })
          out.push(
            href.startsWith('#')
              ? new InternalHyperlink({ anchor: bookmark(href.slice(1)), children: [run] })
              : new ExternalHyperlink({ link: href, children: [run] }),
          )
          break
        }
        case 'text': {
          const m = i.marks
          const run = new TextRun({
            text: i.text,
            bold: m.bold,
            italics: m.italic,
            strike: m.strike,
            ...(m.underline ? { underline: {} } : {}),
            ...(m.code ? { font: 'Courier New' } : {}),
            ...(m.highlight ? { highlight: 'yellow' } : {}),
            ...(m.href ? { style: 'Hyperlink' } : {}),
          })
          out.push(
            m.href && safeHref(m.href) ? new ExternalHyperlink({ link: m.href, children: [run] }) : run,
          )
          break
        }
      }
    }
    return out
  }
}
