/**
 * The typology diagram's picture, laid out once for every place that draws it: the typology page
 * (apps/web DiagramView, which adds buttons and keys) and the study dossier (the server renders
 * `diagramSvg` to an image). Dimensions side by side as columns, their codes as rows with how often
 * each is used, relations drawn as arrows between boxes. Pure: no DOM, no React.
 */
import type { CodeRelation, CodeUsage, MatrixCode } from '@tisserand/api-types'

export const DIAGRAM = { column: 250, gap: 90, pad: 16, line: 15, header: 44 } as const

export interface DiagramBox {
  code: MatrixCode
  x: number
  y: number
  w: number
  h: number
  lines: string[]
  /** Uses of the code (passages + cases coded whole); a dimension's adds every code under it. */
  count: number
  isDimension: boolean
  color: string
}

export interface DiagramArrow {
  id: string
  d: string
}

export interface DiagramLayout {
  width: number
  height: number
  boxes: DiagramBox[]
  arrows: DiagramArrow[]
}

/** Splits a label into lines of at most `max` characters, at spaces. */
export function wrapLabel(label: string, max: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of label.split(' ')) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

export function layoutDiagram(input: {
  codes: MatrixCode[]
  relations: CodeRelation[]
  usage: CodeUsage[]
}): DiagramLayout {
  const { column, gap, pad, line, header } = DIAGRAM
  const usage = new Map(input.usage.map((u) => [u.codeId, u]))
  const own = (codeId: string) => {
    const u = usage.get(codeId)
    return (u?.passages ?? 0) + (u?.caseLevel ?? 0)
  }
  const countOf = (code: MatrixCode) =>
    code.depth > 0
      ? own(code.id)
      : input.codes.filter((c) => c.dimensionId === code.id).reduce((sum, c) => sum + own(c.id), 0)
  const dimensions = input.codes.filter((c) => c.depth === 0)
  const boxes = new Map<string, DiagramBox>()
  const box = (code: MatrixCode, x: number, y: number, w: number, h: number, lines: string[]) =>
    boxes.set(code.id, {
      code,
      x,
      y,
      w,
      h,
      lines,
      count: countOf(code),
      isDimension: code.depth === 0,
      color: code.color ?? '#888',
    })
  let height = 0
  dimensions.forEach((d, index) => {
    const x = pad + index * (column + gap)
    const headerLines = wrapLabel(d.label, 26)
    box(d, x, pad, column, header + (headerLines.length - 1) * line, headerLines)
    let y = pad + header + (headerLines.length - 1) * line + 12
    for (const code of input.codes.filter((c) => c.dimensionId === d.id && c.depth > 0)) {
      const indent = (code.depth - 1) * 16
      const lines = wrapLabel(code.label, 28 - Math.floor(indent / 7))
      const h = 14 + lines.length * line
      box(code, x + indent, y, column - indent, h, lines)
      y += h + 8
    }
    height = Math.max(height, y)
  })
  const width = pad * 2 + dimensions.length * column + Math.max(0, dimensions.length - 1) * gap
  const arrows = input.relations.flatMap((r) => {
    const from = boxes.get(r.fromId)
    const to = boxes.get(r.toId)
    if (!from || !to) return []
    const forward = to.x > from.x
    const x1 = forward ? from.x + from.w : from.x
    const x2 = forward ? to.x : to.x + to.w
    const y1 = from.y + from.h / 2
    const y2 = to.y + to.h / 2
    const bend = (x2 - x1) / 2
    return [
      {
        id: r.id,
        d: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2 - (forward ? 6 : -6)} ${y2}`,
      },
    ]
  })
  return { width, height: height + pad, boxes: [...boxes.values()], arrows }
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * The same picture as a standalone SVG document (the typology page's drawing without its
 * buttons), for exports: fonts are named, not embedded, so the renderer must be given them.
 */
export function diagramSvg(layout: DiagramLayout, options: { fontFamily: string; title?: string }): string {
  const font = escapeXml(options.fontFamily)
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="${font}">`,
  ]
  if (options.title) out.push(`<title>${escapeXml(options.title)}</title>`)
  out.push(
    `<rect x="0" y="0" width="${layout.width}" height="${layout.height}" fill="#fff"/>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
  )
  for (const a of layout.arrows)
    out.push(
      `<path d="${a.d}" fill="none" stroke="#555" stroke-width="1.5" marker-end="url(#arrow)" opacity="0.7"/>`,
    )
  for (const b of layout.boxes) {
    const color = escapeXml(b.color)
    out.push(
      `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="6" fill="${b.isDimension ? color : '#fff'}" stroke="${color}" stroke-width="${b.isDimension ? 0 : 2}"/>`,
    )
    if (!b.isDimension)
      out.push(`<rect x="${b.x}" y="${b.y}" width="6" height="${b.h}" rx="3" fill="${color}"/>`)
    b.lines.forEach((text, i) => {
      out.push(
        `<text x="${b.x + 14}" y="${b.y + (b.isDimension ? 20 : 18) + i * DIAGRAM.line}" font-size="${b.isDimension ? 13 : 12}" font-weight="${b.isDimension ? 'bold' : 'normal'}" fill="${b.isDimension ? '#fff' : '#1f2937'}">${escapeXml(text)}</text>`,
      )
    })
    out.push(
      `<rect x="${b.x + b.w - 36}" y="${b.y + 6}" width="28" height="18" rx="9" fill="#fff" stroke="${b.isDimension ? 'none' : color}" stroke-width="1.5"/>`,
      `<text x="${b.x + b.w - 22}" y="${b.y + 19}" text-anchor="middle" font-size="11" font-weight="bold" fill="#111">${b.count}</text>`,
    )
  }
  out.push('</svg>')
  return out.join('\n')
}
