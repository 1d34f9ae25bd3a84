/**
 * The PDF writer, with pdfkit (loaded on first use): DejaVu embedded (subset) so every French
 * glyph prints, page numbers, bookmarks (the PDF outline), internal links to chapters, and a
 * table of contents with page numbers. pdfkit streams what it has written; pages are kept only
 * until the next chapter starts (to print their numbers), then flushed, so memory stays bounded
 * by a chapter. The table of contents is printed at the end, where French books put it (a
 * streamed document cannot go back to insert pages before its chapters); the outline opens it first.
 */
import type { Readable } from 'node:stream'
import { FONTS } from './assets.ts'
import type { BodyContext, DocWriter, Figure, HeadingOptions, TocEntry } from './compose.ts'
import { type Block, type Inline, inlineText, safeHref } from './model.ts'

type Pdf = PDFKit.PDFDocument
type PdfCtor = new (options?: PDFKit.PDFDocumentOptions) => Pdf
type Outline = PDFKit.PDFOutline

const MARGIN = 64
const BODY = 10.5
const HEADING_SIZES = [22, 17, 14, 12.5, 11.5, 11]
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹'
const sup = (n: number) => [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join('')

interface Segment {
  text: string
  font: string
  size: number
  color: string
  underline: boolean
  strike: boolean
  link: string | null
  goTo: string | null
}

export class PdfWriter implements DocWriter {
  private readonly doc: Pdf
  private readonly tocPages = new Map<string, number>()
  private readonly outline: Outline[] = []
  private numbered = 0
  private hasTitlePage = false
  private entries: TocEntry[] = []

  constructor(PDFDocument: PdfCtor, title: string, onStream: (stream: Readable) => void) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      bufferPages: true,
      lang: 'fr-FR',
      displayTitle: true,
      info: { Title: title, Creator: 'Tisserand', Producer: 'Tisserand' },
    })
    const d = this.doc
    d.registerFont('serif', FONTS.serif)
    d.registerFont('serif-bold', FONTS.serifBold)
    d.registerFont('serif-italic', FONTS.serifItalic)
    d.registerFont('serif-bolditalic', FONTS.serifBoldItalic)
    d.registerFont('sans', FONTS.sans)
    d.registerFont('sans-bold', FONTS.sansBold)
    d.registerFont('mono', FONTS.mono)
    d.font('serif').fontSize(BODY)
    onStream(d as unknown as Readable)
  }

  /**
   * The text with what the current font cannot draw (emoji: no font here has them) shown as □,
   * so measured and drawn widths agree; joiners and variation selectors are dropped.
   */
  private drawable(text: string): string {
    const font = (
      this.doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?(cp: number): boolean } } }
    )._font?.font
    if (!font?.hasGlyphForCodePoint) return text
    let out = ''
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0
      if (cp < 0x20 || font.hasGlyphForCodePoint(cp)) out += ch
      else if (cp !== 0x200d && !(cp >= 0xfe00 && cp <= 0xfe0f)) out += '□'
    }
    return out
  }

  private get width() {
    return this.doc.page.width - MARGIN * 2
  }

  private get pageNumber() {
    const range = this.doc.bufferedPageRange()
    return range.start + range.count
  }

  private room(height: number) {
    if (this.doc.y + height > this.doc.page.height - MARGIN) this.doc.addPage()
  }

  /** Prints the numbers of every page kept so far and lets them go (none will be drawn on again). */
  private numberAndFlush() {
    const d = this.doc
    const range = d.bufferedPageRange()
    for (let i = range.start; i < range.start + range.count; i += 1) {
      if (i < this.numbered || (i === 0 && this.hasTitlePage)) continue
      d.switchToPage(i)
      const bottom = d.page.margins.bottom
      d.page.margins.bottom = 0
      d.font('sans').fontSize(9).fillColor('#4b5563')
      d.text(String(i + 1), MARGIN, d.page.height - 40, {
        width: this.width,
        align: 'center',
        lineBreak: false,
      })
      d.page.margins.bottom = bottom
    }
    this.numbered = range.start + range.count
    d.flushPages()
  }

  titlePage(title: string, lines: string[]): void {
    const d = this.doc
    this.hasTitlePage = true
    d.y = 220
    d.font('sans-bold')
      .fontSize(28)
      .fillColor('#111827')
      .text(title, MARGIN, d.y, { width: this.width, align: 'center' })
    d.moveDown(1.5)
    for (const l of lines) {
      d.font('serif-italic').fontSize(13).fillColor('#374151').text(l, { width: this.width, align: 'center' })
      d.moveDown(0.4)
    }
  }

  toc(entries: TocEntry[]): void {
    this.entries = entries
    // The outline's first entry opens the table of contents, printed at the end.
    this.doc.addNamedDestination('toc-end')
  }

  pageTitle(entry: TocEntry): void {
    this.heading(entry)
  }

  heading(entry: TocEntry, options?: HeadingOptions): void {
    const d = this.doc
    if (options?.pageBreak) {
      this.numberAndFlush()
      d.addPage(
        options.landscape
          ? {
              size: 'A4',
              layout: 'landscape',
              margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
            }
          : undefined,
      )
    } else this.room(60)
    const level = Math.min(6, Math.max(1, entry.level))
    d.moveDown(level <= 2 ? 0.6 : 0.4)
    d.addNamedDestination(entry.id, 'XYZ', MARGIN, d.y, null)
    this.tocPages.set(entry.id, this.pageNumber)
    if (this.entries.some((e) => e.id === entry.id)) {
      if (level === 1) this.outline.push(d.outline.addItem(entry.title))
      else (this.outline.at(-1) ?? d.outline).addItem(entry.title)
    }
    d.font(level <= 2 ? 'sans-bold' : 'serif-bold')
      .fontSize(HEADING_SIZES[level - 1] ?? BODY)
      .fillColor('#111827')
      .text(entry.title, MARGIN, d.y, { width: this.width })
    d.moveDown(0.4)
  }

  paragraph(content: Inline[]): void {
    this.runs(this.segments(content, null, 'serif', BODY), MARGIN, this.width)
    this.doc.moveDown(0.5)
  }

  table(head: string[], rows: string[][]): void {
    this.grid(
      [
        head.map((h) => ({ text: h, header: true })),
        ...rows.map((r) => r.map((c) => ({ text: c, header: false }))),
      ],
      MARGIN,
      this.width,
    )
  }

  figure(figure: Figure): void {
    const d = this.doc
    const w = Math.min(this.width, figure.png.width)
    const h = (figure.png.height * w) / figure.png.width
    const maxH = d.page.height - MARGIN * 2 - 40
    const scale = h > maxH ? maxH / h : 1
    this.room(h * scale + 30)
    const top = d.y
    d.image(Buffer.from(figure.png.bytes), MARGIN + (this.width - w * scale) / 2, top, { width: w * scale })
    d.y = top + h * scale + 8
    d.font('serif-italic')
      .fontSize(9.5)
      .fillColor('#374151')
      .text(figure.caption, MARGIN, d.y, { width: this.width, align: 'center' })
    d.moveDown(1)
  }

  quote(text: string, source: string): void {
    const d = this.doc
    this.room(40)
    d.font('serif-italic')
      .fontSize(BODY)
      .fillColor('#374151')
      .text(this.drawable(`« ${text} »`), MARGIN + 24, d.y, { width: this.width - 48 })
    d.font('serif')
      .fontSize(9.5)
      .fillColor('#4b5563')
      .text(`— ${source}`, MARGIN + 24, d.y, { width: this.width - 48 })
    d.moveDown(0.6)
  }

  body(body: { blocks: Block[]; notes: string[] }, ctx: BodyContext): void {
    for (const b of body.blocks) this.block(b, ctx, MARGIN, this.width)
    if (body.notes.length > 0) {
      const d = this.doc
      this.room(40)
      d.moveDown(0.5)
      d.moveTo(MARGIN, d.y)
        .lineTo(MARGIN + 120, d.y)
        .strokeColor('#9ca3af')
        .stroke()
      d.moveDown(0.4)
      body.notes.forEach((note, i) => {
        d.font('serif')
          .fontSize(9)
          .fillColor('#1f2937')
          .text(`${i + 1}. ${note}`, MARGIN, d.y, { width: this.width })
      })
      d.moveDown(0.5)
    }
  }

  async end(): Promise<void> {
    const d = this.doc
    if (this.entries.length > 0) {
      this.numberAndFlush()
      d.addPage()
      d.addNamedDestination('toc')
      d.outline.addItem('Table des matières')
      d.font('sans-bold')
        .fontSize(HEADING_SIZES[0] as number)
        .fillColor('#111827')
        .text('Table des matières', MARGIN, d.y, { width: this.width })
      d.moveDown(0.6)
      for (const e of this.entries) {
        const page = this.tocPages.get(e.id)
        const indent = (e.level - 1) * 18
        this.room(16)
        const y = d.y
        const label = `${page ?? ''}`
        d.font(e.level === 1 ? 'serif-bold' : 'serif')
          .fontSize(BODY)
          .fillColor('#1f2937')
        const labelWidth = d.widthOfString(label)
        d.text(e.title, MARGIN + indent, y, { width: this.width - indent - labelWidth - 16, goTo: e.id })
        const after = d.y
        d.text(label, MARGIN + this.width - labelWidth, y, {
          width: labelWidth + 1,
          lineBreak: false,
          goTo: e.id,
        })
        d.y = Math.max(after, y + 14)
      }
    }
    this.numberAndFlush()
    const finished = new Promise<void>((resolve, reject) => {
      d.on('end', () => resolve())
      d.on('error', reject)
    })
    d.end()
    await finished
  }

  private block(b: Block, ctx: BodyContext, x: number, width: number): void {
    const d = this.doc
    switch (b.t) {
      case 'heading': {
        this.room(50)
        d.moveDown(0.3)
        const size = HEADING_SIZES[b.level - 1] ?? BODY
        this.runs(this.segments(b.content, ctx, 'sans-bold', size), x, width)
        d.moveDown(0.3)
        return
      }
      case 'paragraph':
        if (b.content.length === 0) {
          d.moveDown(0.5)
          return
        }
        this.runs(this.segments(b.content, ctx, 'serif', BODY), x, width)
        d.moveDown(0.5)
        return
      case 'list':
      case 'tasks':
        b.items.forEach((item, i) => {
          const text = b.t === 'tasks' ? (item.checked ? '☑' : '☐') : b.ordered ? `${b.start + i}.` : '•'
          const marker: Segment = {
            text: `${text}\u00a0`,
            font: 'sans',
            size: BODY,
            color: '#1f2937',
            underline: false,
            strike: false,
            link: null,
            goTo: null,
          }
          const [first, ...rest] = item.blocks
          if (first?.t === 'paragraph') {
            this.runs([marker, ...this.segments(first.content, ctx, 'serif', BODY)], x, width)
            d.moveDown(0.2)
          } else {
            this.runs([marker], x, width)
            if (first) this.block(first, ctx, x + 16, width - 16)
          }
          for (const inner of rest) this.block(inner, ctx, x + 16, width - 16)
        })
        d.moveDown(0.3)
        return
      case 'quote':
      case 'callout': {
        const top = d.y
        const startPage = this.pageNumber
        if (b.t === 'callout')
          d.font('sans-bold')
            .fontSize(9)
            .fillColor('#1d4ed8')
            .text(
              b.tone === 'warning' ? 'Attention' : b.tone === 'success' ? 'Réussite' : 'Note',
              x + 14,
              d.y,
              { width: width - 14 },
            )
        for (const inner of b.blocks) this.block(inner, ctx, x + 14, width - 14)
        if (this.pageNumber === startPage)
          d.save()
            .moveTo(x + 3, top)
            .lineTo(x + 3, d.y - 4)
            .lineWidth(2.5)
            .strokeColor(b.t === 'callout' ? '#2563eb' : '#9ca3af')
            .stroke()
            .restore()
        return
      }
      case 'code':
        d.font('mono')
          .fontSize(9)
          .fillColor('#111827')
          .text(b.text, x + 8, d.y, { width: width - 16 })
        d.moveDown(0.5)
        return
      case 'rule':
        this.room(12)
        d.moveTo(x, d.y + 4)
          .lineTo(x + width, d.y + 4)
          .strokeColor('#9ca3af')
          .stroke()
        d.moveDown(1)
        return
      case 'image': {
        const image = b.fileId ? ctx.image(b.fileId) : null
        if (!image || image.width === 0 || image.type === 'gif') {
          if (b.alt)
            d.font('serif-italic').fontSize(BODY).fillColor('#4b5563').text(`[${b.alt}]`, x, d.y, { width })
          return
        }
        const w = Math.min(width, image.width * 0.75)
        const h = (image.height * w) / image.width
        const maxH = d.page.height - MARGIN * 2
        const scale = h > maxH ? maxH / h : 1
        this.room(h * scale + 8)
        const top = d.y
        d.image(Buffer.from(image.bytes), x, top, { width: w * scale })
        d.y = top + h * scale + 8
        return
      }
      case 'table': {
        const rows = b.rows.map((r) =>
          r.map((c) => ({ text: c.blocks.map((x) => blockText(x, ctx)).join('\n'), header: c.header })),
        )
        this.grid(rows, x, width)
        return
      }
      case 'quotation': {
        const q = ctx.quotation(b.codingId)
        if (q) this.quote(q.text, q.caseTitle)
        else d.font('serif-italic').fontSize(BODY).text('Citation indisponible', x, d.y, { width })
        return
      }
      case 'evidence': {
        const table = ctx.evidence(b)
        if (table && table.rows.length > 0) {
          const rows = [table.head, ...table.rows].map((r, i) => r.map((text) => ({ text, header: i === 0 })))
          this.grid(rows, x, width)
        } else
          d.font('serif-italic')
            .fontSize(BODY)
            .fillColor('#4b5563')
            .text(table ? 'Tableau de preuves sans passage' : 'Tableau de preuves indisponible', x, d.y, {
              width,
            })
        return
      }
    }
  }

  /** A table of plain text cells, borders drawn, rows moved whole to the next page when they do not fit. */
  private grid(rows: { text: string; header: boolean }[][], x: number, width: number): void {
    const d = this.doc
    const columns = Math.max(1, ...rows.map((r) => r.length))
    const cw = width / columns
    const pad = 4
    d.moveDown(0.3)
    for (const row of rows) {
      const heights = row.map((c) =>
        d
          .font(c.header ? 'serif-bold' : 'serif')
          .fontSize(9.5)
          .heightOfString(this.drawable(c.text) || ' ', { width: cw - pad * 2 }),
      )
      const h = Math.max(12, ...heights) + pad * 2
      this.room(h)
      const y = d.y
      row.forEach((c, i) => {
        const cx = x + i * cw
        if (c.header) d.rect(cx, y, cw, h).fillColor('#f3f4f6').fill()
        d.rect(cx, y, cw, h).lineWidth(0.5).strokeColor('#9ca3af').stroke()
        d.font(c.header ? 'serif-bold' : 'serif')
          .fontSize(9.5)
          .fillColor('#1f2937')
          .text(this.drawable(c.text), cx + pad, y + pad, { width: cw - pad * 2 })
      })
      d.x = x
      d.y = y + h
    }
    d.moveDown(0.6)
  }

  private segments(content: Inline[], ctx: BodyContext | null, base: string, size: number): Segment[] {
    const out: Segment[] = []
    const plain = {
      font: base,
      size,
      color: '#1f2937',
      underline: false,
      strike: false,
      link: null,
      goTo: null,
    }
    for (const i of content) {
      if (i.t === 'break') out.push({ ...plain, text: '\n' })
      else if (i.t === 'note') out.push({ ...plain, text: sup(i.n), color: '#1d4ed8' })
      else if (i.t === 'pageLink') {
        const href = ctx?.href(i.pageId) ?? ''
        out.push({
          ...plain,
          text: ctx?.title(i.pageId) ?? '',
          color: '#1d4ed8',
          underline: true,
          goTo: href.startsWith('#') ? href.slice(1) : null,
        })
      } else {
        const m = i.marks
        const serifLike = base.startsWith('serif')
        const family = m.code ? 'mono' : serifLike ? 'serif' : 'sans'
        const bold = m.bold || base.endsWith('bold')
        const font =
          family === 'mono'
            ? 'mono'
            : family === 'sans'
              ? bold
                ? 'sans-bold'
                : 'sans'
              : bold && m.italic
                ? 'serif-bolditalic'
                : bold
                  ? 'serif-bold'
                  : m.italic
                    ? 'serif-italic'
                    : 'serif'
        out.push({
          ...plain,
          text: i.text,
          font,
          color: m.href ? '#1d4ed8' : m.highlight ? '#92400e' : plain.color,
          underline: Boolean(m.underline || m.href || m.highlight),
          strike: Boolean(m.strike),
          link: m.href && safeHref(m.href) && !m.href.startsWith('/') ? m.href : null,
        })
      }
    }
    return out.filter((s) => s.text !== '')
  }

  private runs(segments: Segment[], x: number, width: number): void {
    const d = this.doc
    if (segments.length === 0) return
    this.room(size(segments) * 1.4)
    d.x = x
    segments.forEach((s, i) => {
      d.font(s.font).fontSize(s.size).fillColor(s.color)
      const options = {
        width,
        continued: i < segments.length - 1,
        underline: s.underline,
        strike: s.strike,
        link: s.link,
        goTo: s.goTo,
      } as PDFKit.Mixins.TextOptions
      const text = this.drawable(s.text)
      if (i === 0) d.text(text, x, d.y, options)
      else d.text(text, options)
    })
    d.x = MARGIN
  }
}

const size = (segments: Segment[]) => Math.max(...segments.map((s) => s.size))

function blockText(b: Block, ctx: BodyContext): string {
  switch (b.t) {
    case 'heading':
    case 'paragraph':
      return inlineText(b.content, ctx.title)
    case 'list':
    case 'tasks':
      return b.items.map((it) => `• ${it.blocks.map((x) => blockText(x, ctx)).join(' ')}`).join('\n')
    case 'quote':
    case 'callout':
      return b.blocks.map((x) => blockText(x, ctx)).join('\n')
    case 'code':
      return b.text
    case 'image':
      return b.alt ? `[${b.alt}]` : ''
    default:
      return ''
  }
}
