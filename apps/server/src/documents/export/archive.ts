/**
 * The Markdown archive: the workspace (or a subtree) as a ZIP of Markdown files mirroring the
 * tree (a page's children in a folder named like it), each with YAML front matter (title, kind,
 * case properties, codes), its images beside it in `images/`, page links as relative links, and
 * the typology diagram as `typologie.svg`. Written with fflate's streaming Zip: one page's file at
 * a time goes out before the next is read.
 */
import path from 'node:path/posix'
import type { Page } from '../../pages/index.ts'
import { type BodyContext, diagramFigure } from './compose.ts'
import { MarkdownWriter } from './markdown.ts'
import type { Block } from './model.ts'
import type { ExportSource } from './source.ts'

type Fflate = typeof import('fflate')

export function slugify(title: string): string {
  return (
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 80) || 'page'
  )
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
}

/** Each page's file in the archive: `a/b/c.md`, siblings' names kept apart. */
export function archivePaths(pages: Page[]): Map<string, string> {
  const paths = new Map<string, string>()
  const taken = new Map<string, Set<string>>()
  const dirOf = (page: Page): string => {
    const parent = page.parentId ? paths.get(page.parentId) : undefined
    return parent ? parent.replace(/\.md$/, '') : ''
  }
  for (const page of pages) {
    const dir = dirOf(page)
    const used = taken.get(dir) ?? new Set<string>()
    taken.set(dir, used)
    const base = slugify(page.title)
    let name = base
    for (let n = 2; used.has(name); n += 1) name = `${base}-${n}`
    used.add(name)
    paths.set(page.id, dir ? `${dir}/${name}.md` : `${name}.md`)
  }
  return paths
}

const yaml = (s: string) => JSON.stringify(s)

export async function writeArchive(
  fflate: Fflate,
  source: ExportSource,
  options: {
    rootId?: string
    userId: string
    progress?: (done: number, total: number) => void
    /** Waits for the reader between pages. */
    drain?: () => Promise<void>
  },
  push: (chunk: Uint8Array, final: boolean) => void,
): Promise<void> {
  const zip = new fflate.Zip((err, chunk, final) => {
    if (err) throw err
    push(chunk, final)
  })
  const add = (name: string, bytes: Uint8Array, compress = true) => {
    const file = compress ? new fflate.ZipDeflate(name, { level: 6 }) : new fflate.ZipPassThrough(name)
    zip.add(file)
    file.push(bytes, true)
  }
  const encoder = new TextEncoder()
  const pages = await source.pagesInTreeOrder(options.rootId)
  const paths = archivePaths(pages)
  const titleOf = await source.titleOf()
  const codes = new Map((await source.codes()).map((c) => [c.id, c]))
  const passages = await source.codedPassages(new Set(pages.map((p) => p.id)))
  const figure = await diagramFigure(source)
  if (figure && !options.rootId) add('typologie.svg', encoder.encode(figure.svg))
  let done = 0
  for (const page of pages) {
    const file = paths.get(page.id) as string
    const dir = path.dirname(file)
    const images = new Map<string, string>()
    const body = await source.body(page, { comments: false, codes: false })
    const ctx: BodyContext = {
      title: titleOf,
      href: (pageId) => {
        const target = paths.get(pageId)
        return target ? encodeURI(path.relative(dir, target)) : `/p/${encodeURIComponent(pageId)}`
      },
      image: () => null,
      quotation: () => null,
      evidence: () => null,
    }
    // Images go beside the page, named by their file id.
    const fileIds = new Set<string>()
    const walk = (blocks: Block[]) => {
      for (const b of blocks) {
        if (b.t === 'image' && b.fileId) fileIds.add(b.fileId)
        else if (b.t === 'list' || b.t === 'tasks') for (const it of b.items) walk(it.blocks)
        else if (b.t === 'quote' || b.t === 'callout') walk(b.blocks)
        else if (b.t === 'table') for (const r of b.rows) for (const c of r) walk(c.blocks)
      }
    }
    walk(body.blocks)
    for (const id of fileIds) {
      const image = await source.image(id, options.userId)
      if (!image) continue
      const name = `images/${id}.${EXTENSIONS[image.contentType] ?? 'bin'}`
      images.set(id, name)
      add(dir === '.' ? name : `${dir}/${name}`, image.original, image.contentType === 'image/svg+xml')
    }
    source.releaseImages()
    const quotes = new Map<string, { text: string; caseTitle: string } | null>()
    const tables = new Map<Block, { head: string[]; rows: string[][] } | null>()
    for (const b of body.blocks) {
      if (b.t === 'quotation') quotes.set(b.codingId, await source.quotation(b.codingId))
      else if (b.t === 'evidence') tables.set(b, await source.evidence(b).catch(() => null))
    }
    ctx.quotation = (id) => quotes.get(id) ?? null
    ctx.evidence = (b) => tables.get(b) ?? null

    const props = await source.properties(page.id)
    const caseCodes = await source.caseCodes(page.id)
    const onPassages = [
      ...new Set(passages.filter((p) => p.pageId === page.id).map((p) => codes.get(p.codeId)?.label ?? '')),
    ].filter(Boolean)
    let md = `---\ntitle: ${yaml(page.title)}\nkind: ${page.kind}\nid: ${yaml(page.id)}\n`
    if (props.length > 0)
      md += `properties:\n${props.map(([k, v]) => `  ${yaml(k)}: ${yaml(v)}`).join('\n')}\n`
    md +=
      caseCodes.length > 0 ? `codes:\n${caseCodes.map((c) => `  - ${yaml(c)}`).join('\n')}\n` : 'codes: []\n'
    if (onPassages.length > 0) md += `passage_codes:\n${onPassages.map((c) => `  - ${yaml(c)}`).join('\n')}\n`
    md += '---\n\n'
    const writer = new MarkdownWriter(
      (chunk) => {
        md += chunk
      },
      { imageHref: (id) => images.get(id) ?? null },
      async () => {},
    )
    writer.pageTitle({ id: `page-${page.id}`, title: page.title, level: 1 })
    writer.body(body, ctx)
    add(file, encoder.encode(md))
    await options.drain?.()
    done += 1
    options.progress?.(done, pages.length)
  }
  zip.end()
}
