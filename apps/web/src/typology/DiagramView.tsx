/**
 * The typology diagram: the dimensions side by side, their codes with how often each is used,
 * and the relations (needs → governance modalities → operational concepts) drawn as arrows.
 * The layout is @tisserand/typology-diagram's (the dossier export draws the same picture); this
 * view adds the buttons, names and keys.
 */

import { DIAGRAM, layoutDiagram } from '@tisserand/typology-diagram'
import { useTranslation } from 'react-i18next'
import { codeNamer } from '../coding/codeNames.ts'
import type { CodeRelation, CodeUsage, MatrixCode } from './typologyApi.ts'

export function DiagramView(props: {
  codes: MatrixCode[]
  relations: CodeRelation[]
  usage: CodeUsage[]
  onOpen: (codeId: string) => void
}) {
  const { t } = useTranslation()
  const usage = new Map(props.usage.map((u) => [u.codeId, u]))
  const name = codeNamer(props.codes)
  const { width, height, boxes, arrows } = layoutDiagram(props)
  return (
    <div className="typology-diagram-scroll">
      {/* A group, not an image: it holds the code buttons (an image with buttons inside is nested-interactive). */}
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset> */}
      <svg
        className="typology-diagram"
        width={width}
        height={height}
        // Scaled down to the room it has beside the sidebar, never cut.
        style={{ width: '100%', maxWidth: width, height: 'auto' }}
        viewBox={`0 0 ${width} ${height}`}
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
        {boxes.map((box) => {
          const u = usage.get(box.code.id)
          const { count, isDimension, color } = box
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
                  y={box.y + (isDimension ? 20 : 18) + i * DIAGRAM.line}
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
