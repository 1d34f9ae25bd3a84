/**
 * SVG files are documents that can carry scripts, event handlers and links to anything. An
 * uploaded SVG is parsed and written anew from an allow-list of drawing elements; attributes
 * that run code or reach outside the file are dropped. What is served is only that rewrite,
 * and with a Content-Security-Policy that forbids scripts and outside resources anyway.
 */
import { XMLParser } from 'fast-xml-parser'

const ELEMENTS = new Set(
  [
    'svg',
    'g',
    'defs',
    'symbol',
    'use',
    'title',
    'desc',
    'metadata',
    'path',
    'rect',
    'circle',
    'ellipse',
    'line',
    'polyline',
    'polygon',
    'text',
    'tspan',
    'textPath',
    'linearGradient',
    'radialGradient',
    'stop',
    'pattern',
    'clipPath',
    'mask',
    'marker',
    'filter',
    'feGaussianBlur',
    'feOffset',
    'feBlend',
    'feColorMatrix',
    'feMerge',
    'feMergeNode',
    'feFlood',
    'feComposite',
    'feDropShadow',
  ].map((name) => name.toLowerCase()),
)
/** Text is kept only where it is drawn or describes the drawing. */
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'textpath', 'title', 'desc'])
const LINK_ATTRIBUTES = new Set(['href', 'xlink:href'])

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> }

/** Entities are left unexpanded by the parser: keep XML's own and numeric ones, escape any other `&`. */
const escapeText = (text: string) =>
  text
    .replace(/&(?!(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;')

function safeAttribute(name: string, value: string): boolean {
  const lower = name.toLowerCase()
  if (lower.startsWith('on')) return false
  // Links only to fragments of this same file (gradients, symbols, clip paths).
  if (LINK_ATTRIBUTES.has(lower)) return value.trim().startsWith('#')
  if (lower.includes(':') && !lower.startsWith('xmlns') && lower !== 'xml:space') return false
  const compact = value.toLowerCase().replace(/\s+/g, '')
  if (compact.includes('javascript:') || compact.includes('data:')) return false
  // url(...) references must stay inside the file too.
  for (const match of compact.matchAll(/url\(([^)]*)\)/g))
    if (!match[1]?.replace(/['"]/g, '').startsWith('#')) return false
  return true
}

function write(nodes: XmlNode[], parentAllowsText: boolean, out: string[]): void {
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@')
    if (!name) continue
    if (name === '#text') {
      if (parentAllowsText) out.push(escapeText(String(node[name])))
      continue
    }
    if (!ELEMENTS.has(name.toLowerCase())) continue
    const attributes = Object.entries(node[':@'] ?? {})
      .map(([key, value]) => [key.replace(/^@_/, ''), String(value)] as const)
      .filter(([key, value]) => safeAttribute(key, value))
      .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
      .join('')
    out.push(`<${name}${attributes}>`)
    write((node[name] as XmlNode[]) ?? [], TEXT_ELEMENTS.has(name.toLowerCase()), out)
    out.push(`</${name}>`)
  }
}

/** The SVG rewritten from its allowed parts, or null when `bytes` is not an SVG document. */
export function sanitizeSvg(bytes: Uint8Array): Uint8Array | null {
  let tree: XmlNode[]
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    tree = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      // Entities declared in a DOCTYPE are not expanded (no billion laughs); the DOCTYPE goes.
      processEntities: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
    }).parse(text, true) as XmlNode[]
  } catch {
    return null
  }
  const roots = tree.filter((node) => Object.keys(node).some((key) => key !== ':@' && key !== '#text'))
  const root = roots[0]
  if (roots.length !== 1 || !root || !Object.hasOwn(root, 'svg')) return null
  const attributes = root[':@'] ?? {}
  if (!attributes['@_xmlns']) root[':@'] = { ...attributes, '@_xmlns': 'http://www.w3.org/2000/svg' }
  const out: string[] = []
  write([root], false, out)
  return new TextEncoder().encode(out.join(''))
}
