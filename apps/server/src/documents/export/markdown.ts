/**
 * The Markdown writer: CommonMark with GFM tables, task lists, strikethrough and footnotes.
 * What Markdown has no syntax for (underline, coded highlight) is written as inline HTML, which
 * CommonMark keeps. Images are referenced through `imageHref` (the archive puts them beside the
 * page; a single page links to the app's file route).
 */
import type { BodyContext, DocWriter, Figure, TocEntry } from './compose.ts'
import type { Block, Inline, ListItem } from './model.ts'

/** Escapes what would start Markdown syntax inside running text. */
export function escapeMd(s: string): string {
  return (
    s
      .replace(/([\\`*_[\]<>|~])/g, '\\$1')
      // An entity (&amp;, &#233;) would be read as its character.
      .replace(/&(?=#?\w+;)/g, '&amp;')
      // A line start that would open a heading, a list item, or a rule. Digits cannot be
      // escaped in CommonMark: the dot or parenthesis after them is.
      .replace(/^(\s*)([#+=-])(?=\s|$)/gm, '$1\\$2')
      .replace(/^(\s*)(\d+)([.)])(?=\s|$)/gm, '$1$2\\$3')
      .replace(/^(\s*)(-[\s-]*)$/gm, '$1\\$2')
  )
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

export interface MarkdownOptions {
  imageHref(fileId: string, alt: string): string | null
  /** Where the diagram figure's image is (the archive writes it beside the file). */
  figureHref?: string
}

export class MarkdownWriter implements DocWriter {
  private notePrefix = 0

  constructor(
    private readonly out: (chunk: string) => void,
    private readonly options: MarkdownOptions,
    private readonly done: () => Promise<void>,
  ) {}

  titlePage(title: string, lines: string[]): void {
    this.out(`# ${escapeMd(title)}\n\n${lines.map((l) => `*${escapeMd(l)}*`).join('  \n')}\n\n`)
  }

  toc(entries: TocEntry[]): void {
    this.out('## Table des matières\n\n')
    for (const e of entries) this.out(`${'  '.repeat(e.level - 1)}- [${escapeMd(e.title)}](#${e.id})\n`)
    this.out('\n')
  }

  pageTitle(entry: TocEntry): void {
    this.out(`# ${escapeMd(entry.title)}\n\n`)
  }

  heading(entry: TocEntry): void {
    this.out(`${'#'.repeat(Math.min(6, entry.level))} ${escapeMd(entry.title)} <a id="${entry.id}"></a>\n\n`)
  }

  paragraph(content: Inline[]): void {
    this.out(`${this.inline(content, null, '')}\n\n`)
  }

  table(head: string[], rows: string[][]): void {
    this.out(plainTableMd(head, rows, ''))
  }

  figure(figure: Figure): void {
    if (this.options.figureHref) this.out(`![${escapeMd(figure.alt)}](${this.options.figureHref})\n\n`)
    this.out(`*${escapeMd(figure.caption)}*\n\n`)
  }

  quote(text: string, source: string): void {
    this.out(`> « ${escapeMd(text).replace(/\n/g, '\n> ')} »\n>\n> — ${escapeMd(source)}\n\n`)
  }

  body(body: { blocks: Block[]; notes: string[] }, ctx: BodyContext): void {
    this.notePrefix += 1
    const prefix = this.notePrefix > 1 ? `${this.notePrefix}-` : ''
    this.out(this.blocks(body.blocks, ctx, prefix, ''))
    body.notes.forEach((note, i) => {
      this.out(`[^${prefix}${i + 1}]: ${escapeMd(note).replace(/\n/g, ' ')}\n`)
    })
    if (body.notes.length > 0) this.out('\n')
  }

  async end(): Promise<void> {
    await this.done()
  }

  private blocks(blocks: Block[], ctx: BodyContext, prefix: string, indent: string): string {
    return blocks.map((b) => this.block(b, ctx, prefix, indent)).join('')
  }

  /** Each block ends with a blank line; every line is prefixed with `indent` (list nesting, quotes). */
  private block(b: Block, ctx: BodyContext, prefix: string, indent: string): string {
    const lines = (s: string) =>
      s
        .split('\n')
        .map((l) => (l ? indent + l : indent.trimEnd()))
        .join('\n')
    switch (b.t) {
      case 'heading':
        return `${lines(`${'#'.repeat(b.level)} ${this.inline(b.content, ctx, prefix)}`)}\n\n`
      case 'paragraph': {
        const text = this.inline(b.content, ctx, prefix)
        return text.trim() ? `${lines(text)}\n\n` : ''
      }
      case 'list':
        return this.items(b.items, ctx, prefix, indent, (i) => (b.ordered ? `${b.start + i}. ` : '- '))
      case 'tasks':
        return this.items(b.items, ctx, prefix, indent, (i) => `- [${b.items[i]?.checked ? 'x' : ' '}] `)
      case 'quote':
        return this.blocks(b.blocks, ctx, prefix, `${indent}> `).replace(/(> )\n(?=\S|$)/g, '>\n')
      case 'callout': {
        const label = b.tone === 'warning' ? 'WARNING' : b.tone === 'success' ? 'TIP' : 'NOTE'
        return `${indent}> [!${label}]\n${this.blocks(b.blocks, ctx, prefix, `${indent}> `)}`
      }
      case 'code':
        return `${lines(`\`\`\`\n${b.text}\n\`\`\``)}\n\n`
      case 'rule':
        return `${indent}---\n\n`
      case 'image': {
        const href = b.fileId ? this.options.imageHref(b.fileId, b.alt) : null
        return href ? `${indent}![${escapeMd(b.alt)}](${href})\n\n` : ''
      }
      case 'table': {
        const width = Math.max(1, ...b.rows.map((r) => r.reduce((n, c) => n + c.colspan, 0)))
        const cellText = (blocks: Block[]) =>
          blocks
            .map((x) => this.block(x, ctx, prefix, '').trim())
            .filter(Boolean)
            .join('<br>')
            .replace(/\n+/g, ' ')
            .replace(/\|/g, '\\|')
        const row = (cells: string[]) => {
          const padded = [...cells, ...Array.from({ length: width - cells.length }, () => '')]
          return `${indent}| ${padded.join(' | ')} |\n`
        }
        const rows = b.rows.map((r) =>
          r.flatMap((c) => [cellText(c.blocks), ...Array.from({ length: c.colspan - 1 }, () => '')]),
        )
        const first = b.rows[0]?.every((c) => c.header) ? rows.shift() : undefined
        return `${row(first ?? Array.from({ length: width }, () => ''))}${indent}|${' --- |'.repeat(width)}\n${rows.map(row).join('')}\n`
      }
      case 'quotation': {
        const q = ctx.quotation(b.codingId)
        return q
          ? `${indent}> « ${escapeMd(q.text).replace(/\n/g, `\n${indent}> `)} »\n${indent}>\n${indent}> — ${escapeMd(q.caseTitle)}\n\n`
          : `${indent}> *Citation indisponible*\n\n`
      }
      case 'evidence': {
        const table = ctx.evidence(b)
        if (!table) return `${indent}*Tableau de preuves indisponible*\n\n`
        if (table.rows.length === 0) return `${indent}*Tableau de preuves sans passage*\n\n`
        return plainTableMd(table.head, table.rows, indent)
      }
    }
  }

  private items(
    items: ListItem[],
    ctx: BodyContext,
    prefix: string,
    indent: string,
    marker: (i: number) => string,
  ): string {
    let out = ''
    items.forEach((item, i) => {
      const m = marker(i)
      const inner = this.blocks(item.blocks, ctx, prefix, ' '.repeat(m.length)).replace(
        /\n\n(?=\s*([-*]|\d+\.) )/g,
        '\n',
      )
      const text = inner.trimEnd().replace(/^\s+/, '')
      out += `${indent}${m}${text.split('\n').join(`\n${indent}`)}\n`
    })
    return `${out}\n`
  }

  private inline(content: Inline[], ctx: BodyContext | null, prefix: string): string {
    return content
      .map((i) => {
        switch (i.t) {
          case 'break':
            return '  \n'
          case 'note':
            return `[^${prefix}${i.n}]`
          case 'pageLink':
            return `[${escapeMd(ctx?.title(i.pageId) ?? '')}](${ctx?.href(i.pageId) ?? '#'})`
          case 'text': {
            const m = i.marks
            if (m.code) {
              const fence = i.text.includes('`') ? '``' : '`'
              return wrapLink(`${fence}${i.text}${fence}`, m.href)
            }
            // Emphasis must hug the text: spaces at its edges stay outside.
            const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(i.text) ?? []
            if (!core) return i.text
            let md = escapeMd(core)
            if (m.bold) md = `**${md}**`
            if (m.italic) md = `*${md}*`
            if (m.strike) md = `~~${md}~~`
            if (m.underline) md = `<u>${md}</u>`
            if (m.highlight)
              md = `<mark style="border-bottom: 2px solid ${escapeAttr(m.highlight)}">${md}</mark>`
            return `${lead}${wrapLink(md, m.href)}${trail}`
          }
        }
        return ''
      })
      .join('')
  }
}

/** A GFM table of text cells under a header row. */
function plainTableMd(head: string[], rows: string[][], indent: string): string {
  const cell = (s: string) => escapeMd(s).replace(/\n/g, ' ')
  const line = (r: string[]) => `${indent}| ${r.map(cell).join(' | ')} |\n`
  return `${line(head)}${indent}|${head.map(() => ' --- ').join('|')}|\n${rows.map(line).join('')}\n`
}

function wrapLink(md: string, href: string | undefined): string {
  return href ? `[${md}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)` : md
}
