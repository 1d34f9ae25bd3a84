/**
 * The typology diagram: the dimensions side by side, their codes with how often each is used,
 * and the relations (needs → governance modalities → operational concepts) drawn as arrows.
 * Plain SVG laid out here: columns by dimension, rows by code, labels wrapped to the column.
 */
import { useTranslation } from 'react-i18next'
import { codeNamer } from '../coding/codeNames.ts'
import type { CodeRelation, CodeUsage, MatrixCode } from './typologyApi.ts'

const COLUMN = 250
const GAP = 90
const PAD = 16
const LINE = 15
const HEADER = 44

function wrap(label: string, max: number): string[] {
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

interface Box {
  code: MatrixCode
  x: number
  y: number
  w: number
  h: number
  lines: string[]
}

export function DiagramView(props: {
  codes: MatrixCode[]
  relations: CodeRelation[]
  usage: CodeUsage[]
  onOpen: (codeId: string) => void
}) {
  const { t } = useTranslation()
  const usage = new Map(props.usage.map((u) => [u.codeId, u]))
  const name = codeNamer(props.codes)
  const own = (codeId: string) => {
    const u = usage.get(codeId)
    return (u?.passages ?? 0) + (u?.caseLevel ?? 0)
  }
  // A dimension's total adds the uses of every code under it to its own.
  const countOf = (code: MatrixCode) =>
    code.depth > 0
      ? own(code.id)
      : props.codes.filter((c) => c.dimensionId === code.id).reduce((sum, c) => sum + own(c.id), 0)
  const dimensions = props.codes.filter((c) => c.depth === 0)
  const boxes = new Map<string, Box>()
  let height = 0
  dimensions.forEach((d, column) => {
    const x = PAD + column * (COLUMN + GAP)
    const headerLines = wrap(d.label, 26)
    boxes.set(d.id, {
      code: d,
      x,
      y: PAD,
      w: COLUMN,
      h: HEADER + (headerLines.length - 1) * LINE,
      lines: headerLines,
    })
    let y = PAD + HEADER + (headerLines.length - 1) * LINE + 12
    for (const code of props.codes.filter((c) => c.dimensionId === d.id && c.depth > 0)) {
      const indent = (code.depth - 1) * 16
      const lines = wrap(code.label, 28 - Math.floor(indent / 7))
      const h = 14 + lines.length * LINE
      boxes.set(code.id, { code, x: x + indent, y, w: COLUMN - indent, h, lines })
      y += h + 8
    }
    height = Math.max(height, y)
  })
  const width = PAD * 2 + dimensions.length * COLUMN + Math.max(0, dimensions.length - 1) * GAP
  const arrows = props.relations.flatMap((r) => {
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
  return (
    <div className="typology-diagram-scroll">
      {/* A group, not an image: it holds the code buttons (an image with buttons inside is nested-interactive). */}
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset> */}
      <svg
        className="typology-diagram"
        width={width}
        height={height + PAD}
        // Scaled down to the room it has beside the sidebar, never cut.
        style={{ width: '100%', maxWidth: width, height: 'auto' }}
        viewBox={`0 0 ${width} ${height + PAD}`}
        role="group"
        aria-label={t('typology.diagram.label')}
      >
        <defs>
          <marker
            id="typology-arrow"
            viewBox="0 0 10 10"
            refX="8"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#555" />
          </marker>
        </defs>
        {arrows.map((a) => (
          <path
            key={a.id}
            d={a.d}
            fill="none"
            stroke="#555"
            strokeWidth={1.5}
            markerEnd="url(#typology-arrow)"
            opacity={0.7}
          />
        ))}
        {[...boxes.values()].map((box) => {
          const u = usage.get(box.code.id)
          const count = countOf(box.code)
          const isDimension = box.code.depth === 0
          const color = box.code.color ?? '#888'
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it has the role, focus and keys.
            <g
              key={box.code.id}
              className="typology-node"
              data-testid={`diagram-${box.code.id}`}
              role="button"
              tabIndex={0}
              aria-label={`${t('typology.diagram.nodeLabel', { code: name(box.code), count })} (${t('typology.diagram.usage', { passages: u?.passages ?? 0, cases: u?.cases ?? 0 })})`}
              onClick={() => props.onOpen(box.code.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') props.onOpen(box.code.id)
              }}
            >
              <rect
                x={box.x}
                y={box.y}
                width={box.w}
                height={box.h}
                rx={6}
                fill={isDimension ? color : '#fff'}
                stroke={color}
                strokeWidth={isDimension ? 0 : 2}
              />
              {!isDimension && <rect x={box.x} y={box.y} width={6} height={box.h} rx={3} fill={color} />}
              {box.lines.map((line, i) => (
                <text
                  key={line}
                  x={box.x + 14}
                  y={box.y + (isDimension ? 20 : 18) + i * LINE}
                  className={isDimension ? 'dimension-label' : 'node-label'}
                >
                  {`${line} `}
                </text>
              ))}
              {/* Words of the label and the count stay apart in the text that names the button. */}{' '}
              <g data-testid={`diagram-count-${box.code.id}`} data-count={count}>
                <rect
                  x={box.x + box.w - 36}
                  y={box.y + 6}
                  width={28}
                  height={18}
                  rx={9}
                  fill="#fff"
                  stroke={isDimension ? 'none' : color}
                  strokeWidth={1.5}
                />
                <text x={box.x + box.w - 22} y={box.y + 19} textAnchor="middle" className="count">
                  {count}
                </text>
              </g>
            </g>
          )
        })}
      </svg>
    </div>
  )
}
