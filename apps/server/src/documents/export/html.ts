/**
 * The HTML writer: one standalone, styled document (images embedded as data: URIs), written to
 * `out` piece by piece. Polyglot markup (void elements closed, everything escaped) using only
 * elements every HTML parser knows, so `xmllint --html` and an XML parser both read it cleanly.
 */
import type { BodyContext, DocWriter, Figure, HeadingOptions, TocEntry } from './compose.ts'
import { type Block, type Inline, safeHref } from './model.ts'

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')

const STYLE = `
body { font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; line-height: 1.55; color: #1f2937;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4, h5, h6 { font-family: "DejaVu Sans", system-ui, sans-serif; line-height: 1.25; }
a { color: #1d4ed8; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #9ca3af; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
th { background: #f3f4f6; }
blockquote { border-left: 4px solid #9ca3af; margin: 1rem 0; padding: 0.2rem 1rem; color: #374151; }
.callout { border-left: 4px solid #2563eb; background: #eff6ff; padding: 0.5rem 1rem; margin: 1rem 0; }
.callout-warning { border-color: #b45309; background: #fffbeb; }
.callout-success { border-color: #15803d; background: #f0fdf4; }
.coded { background: #fef3c7; border-bottom: 2px solid; }
.tasks { list-style: none; padding-left: 1.2rem; }
img { max-width: 100%; height: auto; }
.figure { margin: 1.5rem 0; text-align: center; }
.caption { font-style: italic; }
.notes { border-top: 1px solid #9ca3af; margin-top: 2rem; font-size: 0.9rem; }
.title-page { text-align: center; margin: 4rem 0; page-break-after: always; }
.toc ul { list-style: none; }
.source { font-style: normal; color: #4b5563; }
.chapter { page-break-before: always; }
pre { background: #f3f4f6; padding: 0.6rem; overflow-x: auto; }
`

export class HtmlWriter implements DocWriter {
  private notesSeen = 0

  constructor(
    private readonly out: (chunk: string) => void,
    title: string,
    private readonly done: () => Promise<void>,
  ) {
    out(
      `<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8" />\n<meta name="viewport" content="width=device-width, initial-scale=1" />\n<meta name="generator" content="Tisserand" />\n<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n`,
    )
  }

  titlePage(title: string, lines: string[]): void {
    this.out(
      `<div class="title-page"><h1>${escapeHtml(title)}</h1>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>\n`,
    )
  }

  toc(entries: TocEntry[]): void {
    this.out('<div class="toc"><h2>Table des matières</h2>\n<ul>\n')
    for (const e of entries)
      this.out(
        `<li style="margin-left: ${(e.level - 1) * 1.5}rem"><a href="#${escapeHtml(e.id)}">${escapeHtml(e.title)}</a></li>\n`,
      )
    this.out('</ul></div>\n')
  }

  pageTitle(entry: TocEntry): void {
    this.heading(entry)
  }

  heading(entry: TocEntry, options?: HeadingOptions): void {
    const level = Math.min(6, Math.max(1, entry.level))
    const cls = options?.pageBreak ? ' class="chapter"' : ''
    this.out(`<h${level} id="${escapeHtml(entry.id)}"${cls}>${escapeHtml(entry.title)}</h${level}>\n`)
  }

  paragraph(content: Inline[]): void {
    this.out(`<p>${this.inline(content, null, '')}</p>\n`)
  }

  table(head: string[], rows: string[][]): void {
    this.out(plainTable(head, rows))
  }

  figure(figure: Figure): void {
    this.out(
      `<div class="figure"><img src="data:image/svg+xml;base64,${Buffer.from(figure.svg).toString('base64')}" alt="${escapeHtml(figure.alt)}" width="${figure.png.width}" /><p class="caption">${escapeHtml(figure.caption)}</p></div>\n`,
    )
  }

  quote(text: string, source: string): void {
    this.out(
      `<blockquote><p>« ${escapeHtml(text)} »</p><p class="source">— ${escapeHtml(source)}</p></blockquote>\n`,
    )
  }

  body(body: { blocks: Block[]; notes: string[] }, ctx: BodyContext): void {
    // Note ids stay unique across the chapters of one document.
    const prefix = `n${this.notesSeen}-`
    this.notesSeen += 1
    this.out(this.blocks(body.blocks, ctx, prefix))
    if (body.notes.length > 0) {
      this.out(`<div class="notes"><ol>\n`)
      body.notes.forEach((note, i) => {
        this.out(
          `<li id="${prefix}${i + 1}">${escapeHtml(note)} <a href="#${prefix}ref${i + 1}" title="Retour au texte">↩</a></li>\n`,
        )
      })
      this.out('</ol></div>\n')
    }
  }

  async end(): Promise<void> {
    this.out('</body>\n</html>\n')
    await this.done()
  }

  private blocks(blocks: Block[], ctx: BodyContext, prefix: string): string {
    return blocks.map((b) => this.block(b, ctx, prefix)).join('')
  }

  private block(b: Block, ctx: BodyContext, prefix: string): string {
    switch (b.t) {
      case 'heading':
        return `<h${b.level}>${this.inline(b.content, ctx, prefix)}</h${b.level}>\n`
      case 'paragraph':
        return `<p>${this.inline(b.content, ctx, prefix)}</p>\n`
      case 'list': {
        const tag = b.ordered ? 'ol' : 'ul'
        const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : ''
        return `<${tag}${start}>${b.items.map((it) => `<li>${this.blocks(it.blocks, ctx, prefix)}</li>`).join('')}</${tag}>\n`
      }
      case 'tasks':
        return `<ul class="tasks">${b.items
          .map(
            (it) =>
              `<li><input type="checkbox" disabled="disabled"${it.checked ? ' checked="checked"' : ''} aria-label="${it.checked ? 'Fait' : 'À faire'}" /> ${this.blocks(it.blocks, ctx, prefix)}</li>`,
          )
          .join('')}</ul>\n`
      case 'quote':
        return `<blockquote>${this.blocks(b.blocks, ctx, prefix)}</blockquote>\n`
      case 'callout':
        return `<div class="callout callout-${escapeHtml(b.tone)}">${this.blocks(b.blocks, ctx, prefix)}</div>\n`
      case 'code':
        return `<pre><code>${escapeHtml(b.text)}</code></pre>\n`
      case 'rule':
        return '<hr />\n'
      case 'image': {
        const image = b.fileId ? ctx.image(b.fileId) : null
        if (!image) return b.alt ? `<p><em>[${escapeHtml(b.alt)}]</em></p>\n` : ''
        return `<p><img src="data:${image.contentType};base64,${base64(image.original)}" alt="${escapeHtml(b.alt)}" /></p>\n`
      }
      case 'table':
        return `<table><tbody>${b.rows
          .map(
            (row) =>
              `<tr>${row
                .map((cell) => {
                  const tag = cell.header ? 'th' : 'td'
                  const span =
                    (cell.colspan > 1 ? ` colspan="${cell.colspan}"` : '') +
                    (cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : '')
                  return `<${tag}${span}>${this.blocks(cell.blocks, ctx, prefix)}</${tag}>`
                })
                .join('')}</tr>`,
          )
          .join('')}</tbody></table>\n`
      case 'quotation': {
        const q = ctx.quotation(b.codingId)
        return q
          ? `<blockquote><p>« ${escapeHtml(q.text)} »</p><p class="source">— ${escapeHtml(q.caseTitle)}</p></blockquote>\n`
          : '<blockquote><p><em>Citation indisponible</em></p></blockquote>\n'
      }
      case 'evidence': {
        const table = ctx.evidence(b)
        if (!table) return '<p><em>Tableau de preuves indisponible</em></p>\n'
        if (table.rows.length === 0) return '<p><em>Tableau de preuves sans passage</em></p>\n'
        return plainTable(table.head, table.rows)
      }
    }
  }

  private inline(content: Inline[], ctx: BodyContext | null, prefix: string): string {
    return content
      .map((i) => {
        switch (i.t) {
          case 'break':
            return '<br />'
          case 'note':
            return `<sup><a id="${prefix}ref${i.n}" href="#${prefix}${i.n}">${i.n}</a></sup>`
          case 'pageLink': {
            const title = ctx?.title(i.pageId) ?? ''
            return `<a href="${escapeHtml(ctx?.href(i.pageId) ?? '#')}">${escapeHtml(title)}</a>`
          }
          case 'text': {
            let html = escapeHtml(i.text)
            const m = i.marks
            if (m.code) html = `<code>${html}</code>`
            if (m.bold) html = `<strong>${html}</strong>`
            if (m.italic) html = `<em>${html}</em>`
            if (m.underline) html = `<u>${html}</u>`
            if (m.strike) html = `<s>${html}</s>`
            if (m.highlight)
              html = `<span class="coded" style="border-color: ${escapeHtml(cssColor(m.highlight))}">${html}</span>`
            if (m.href && safeHref(m.href)) html = `<a href="${escapeHtml(m.href)}">${html}</a>`
            return html
          }
        }
        return ''
      })
      .join('')
  }
}

/** Text cells under a header row. */
function plainTable(head: string[], rows: string[][]): string {
  const cells = (r: string[]) => r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${cells(r)}</tr>`)
    .join('')}</tbody></table>\n`
}

/** A code's colour as CSS: only `#rgb` / `#rrggbb` pass, anything else is a neutral amber. */
export function cssColor(color: string): string {
  return /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(color) ? color : '#d97706'
}
