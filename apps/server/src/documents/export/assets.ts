/**
 * What the exports draw with: DejaVu (a pinned npm package of TrueType files, every French glyph:
 * « » œ É, no-break spaces), images as bytes with their size, and the typology diagram rendered
 * from @tisserand/typology-diagram's SVG. resvg (a native module) loads on first use only.
 */
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')

export const FONTS = {
  serif: path.join(fontDir, 'DejaVuSerif.ttf'),
  serifBold: path.join(fontDir, 'DejaVuSerif-Bold.ttf'),
  serifItalic: path.join(fontDir, 'DejaVuSerif-Italic.ttf'),
  serifBoldItalic: path.join(fontDir, 'DejaVuSerif-BoldItalic.ttf'),
  sans: path.join(fontDir, 'DejaVuSans.ttf'),
  sansBold: path.join(fontDir, 'DejaVuSans-Bold.ttf'),
  mono: path.join(fontDir, 'DejaVuSansMono.ttf'),
} as const

/** The family name the diagram's SVG asks for; resvg is given the files above. */
export const DIAGRAM_FONT = 'DejaVu Sans'

export interface RasterImage {
  type: 'png' | 'jpg' | 'gif'
  bytes: Uint8Array
  width: number
  height: number
}

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0)
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8)
const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 65536 + u16be(b, i + 2)

/** Width and height of a PNG, JPEG or GIF from its header; null for anything else. */
export function rasterSize(
  bytes: Uint8Array,
): { type: RasterImage['type']; width: number; height: number } | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return { type: 'png', width: u32be(bytes, 16), height: u32be(bytes, 20) }
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46)
    return { type: 'gif', width: u16le(bytes, 6), height: u16le(bytes, 8) }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return null
      const marker = bytes[i + 1] ?? 0
      const length = u16be(bytes, i + 2)
      // Start-of-frame markers (baseline, progressive…) carry the size; DHT, JPG and DAC do not.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { type: 'jpg', height: u16be(bytes, i + 5), width: u16be(bytes, i + 7) }
      i += 2 + length
    }
  }
  return null
}

type ResvgModule = typeof import('@resvg/resvg-js')
let resvg: Promise<ResvgModule> | null = null
const loadResvg = () => {
  resvg ??= import('@resvg/resvg-js')
  return resvg
}

/** An SVG drawn to PNG at `scale`, with DejaVu as its fonts (no system font is looked up). */
export async function svgToPng(svg: string | Uint8Array, scale = 2): Promise<RasterImage> {
  const { Resvg } = await loadResvg()
  const rendered = new Resvg(typeof svg === 'string' ? svg : Buffer.from(svg), {
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: false,
      fontFiles: [FONTS.sans, FONTS.sansBold, FONTS.serif, FONTS.serifBold],
      defaultFontFamily: DIAGRAM_FONT,
    },
  }).render()
  return {
    type: 'png',
    bytes: new Uint8Array(rendered.asPng()),
    width: rendered.width / scale,
    height: rendered.height / scale,
  }
}

/** An image the page documents can hold (PNG, JPEG, GIF; SVG drawn to PNG); null for others (WebP). */
export async function rasterFor(bytes: Uint8Array, contentType: string): Promise<RasterImage | null> {
  if (contentType === 'image/svg+xml') return svgToPng(bytes, 1.5).catch(() => null)
  const size = rasterSize(bytes)
  if (!size || size.width === 0 || size.height === 0) return null
  return { ...size, bytes }
}
