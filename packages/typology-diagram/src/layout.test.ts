import { expect, test } from 'vitest'
import { diagramSvg, layoutDiagram, wrapLabel } from './index.ts'

const code = (id: string, label: string, depth: number, dimensionId: string, parentId: string | null) => ({
  id,
  label,
  depth,
  dimensionId,
  parentId,
  color: depth === 0 ? '#4E79A7' : null,
  path: [label],
})

const codes = [
  code('b', 'Types de besoins', 0, 'b', null),
  code('b1', 'Besoins transversaux', 1, 'b', 'b'),
  code('b2', 'Changer de regard', 2, 'b', 'b1'),
  code('m', 'Modalités de gouvernance', 0, 'm', null),
  code('m1', 'Gouvernance collaborative', 1, 'm', 'm'),
]
const usage = [
  { codeId: 'b2', passages: 3, cases: 2, caseLevel: 1 },
  { codeId: 'm1', passages: 1, cases: 1, caseLevel: 0 },
]
const relations = [{ id: 'r', fromId: 'b', toId: 'm', kind: 'leads-to' }]

test('columns by dimension, children indented, counts summed up to the dimension', () => {
  const layout = layoutDiagram({ codes, relations, usage })
  const box = (id: string) => layout.boxes.find((b) => b.code.id === id)
  expect(box('m')?.x).toBeGreaterThan(box('b')?.x ?? Infinity)
  expect((box('b2')?.x ?? 0) - (box('b1')?.x ?? 0)).toBe(16)
  expect(box('b2')?.count).toBe(4)
  expect(box('b')?.count).toBe(4)
  expect(box('m')?.count).toBe(1)
  expect(layout.arrows).toHaveLength(1)
  expect(layout.width).toBe(16 * 2 + 2 * 250 + 90)
})

test('the SVG draws every label and count, escaped', () => {
  const svg = diagramSvg(
    layoutDiagram({ codes: [...codes, code('x', 'A & <B>', 1, 'm', 'm')], relations, usage }),
    {
      fontFamily: 'DejaVu Sans',
    },
  )
  for (const label of ['Types de besoins', 'Changer de regard', 'Gouvernance collaborative'])
    expect(svg).toContain(label)
  expect(svg).toContain('A &amp; &lt;B&gt;')
  expect(svg).toContain('>4</text>')
  expect(svg).toContain('marker-end="url(#arrow)"')
})

test('labels wrap at spaces', () => {
  expect(wrapLabel('Porter un projet politique commun', 12)).toEqual([
    'Porter un',
    'projet',
    'politique',
    'commun',
  ])
})
