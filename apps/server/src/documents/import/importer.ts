/**
 * Importing files as pages, in two phases so that a refused file creates nothing:
 *
 * 1. Every file is read and converted to ProseMirror JSON checked against the editor schema
 *    (images held as bytes, named `import-image:N`); a ZIP is unpacked under its caps into a tree
 *    of documents and folders. Any refusal (unsupported, corrupt, encrypted, too large, a bomb)
 *    ends the request here, before any page, file or template exists.
 * 2. The images are stored through the files feature, then each page is created as the server
 *    creates any page it writes: its body written through PageDocs.write before its row exists,
 *    derived at once (search, links), and given an `import` version.
 */

import { IMPORT_KINDS, type ImportedPage, type ImportKind, type ImportResult } from '@tisserand/api-types'
import { serverSchema } from '../../derive/page-content.ts'
import { ApiError } from '../../errors.ts'
import { type Files, NotAnImage } from '../../files/index.ts'
import type { CaseProperties, Page, PageServices, PmJson } from '../../pages/index.ts'
import { casePropertiesPatch, TEMPLATE_SECTIONS } from '../../pages/index.ts'
import { newId } from '../../store/ids.ts'
import { readProperties, type TemplateHeading, toCaseSheet } from './case-sheet.ts'
import { ImportRefused, type ImportWarning } from './errors.ts'
import type { ImageResolver, LinkResolver } from './html-to-doc.ts'
import { IMAGE_PLACEHOLDER } from './image-placeholder.ts'
import type { Synonyms } from './synonyms.ts'
import { readZip, type ZipLimits, ZipRefused } from './zip.ts'

// The request's kinds and the result are the API's own types (packages/api-types).
export { IMPORT_KINDS, type ImportedPage, type ImportKind, type ImportResult } from '@tisserand/api-types'

export interface ImportLimits extends ZipLimits {
  /** Most bytes one request's files may hold together (MAX_IMPORT_BYTES). */
  maxImportBytes: number
}

export interface UploadedFile {
  name: string
  bytes: Uint8Array
}

type Format = 'docx' | 'markdown' | 'html' | 'text' | 'zip'

const FORMATS: [RegExp, Format][] = [
  [/\.docx$/i, 'docx'],
  [/\.(md|markdown|mdown|mkd)$/i, 'markdown'],
  [/\.(html?|xhtml)$/i, 'html'],
  [/\.txt$/i, 'text'],
  [/\.zip$/i, 'zip'],
]

const formatOf = (name: string) => FORMATS.find(([pattern]) => pattern.test(name))?.[1] ?? null

const IMAGE_FILE = /\.(png|jpe?g|gif|webp|svg)$/i

/** A page to create: a converted document, or a folder of a ZIP (with no document of its own). */
interface PlannedPage {
  /** Chosen while planning, so that links between the documents of a ZIP can name their pages. */
  id: string
  title: string
  kind: ImportKind
  doc: PmJson
  images: Uint8Array[]
  warnings: ImportWarning[]
  properties: Partial<CaseProperties> | null
  /** Case properties named in a Markdown file's front matter (over those of a properties table). */
  frontProperties: Record<string, unknown> | null
  children: PlannedPage[]
  /** Converted, not yet mapped onto the template (done once every file was read). */
  asCase: boolean
}

export interface ImporterDeps {
  pages: PageServices
  files: Files
  synonyms: Synonyms
  limits: ImportLimits
  /** After the server wrote a page body: derive it at once. */
  written(pageId: string): Promise<void>
  /** Captures the page's `import` version (a no-op when history is off). */
  recordVersion(pageId: string, userId: string): Promise<void>
  /** Tells the workspace's open tabs (the tree) that a page exists. */
  created(page: Page, userId: string): void
}

export class Importer {
  constructor(private readonly deps: ImporterDeps) {}

  async import(input: {
    workspaceId: string
    userId: string
    files: UploadedFile[]
    parentId: string | null
    kind: ImportKind
  }): Promise<ImportResult> {
    const { limits } = this.deps
    if (input.files.length === 0)
      throw new ImportRefused(400, 'invalid_file', 'Send at least one file, field "file"')
    const total = input.files.reduce((sum, file) => sum + file.bytes.length, 0)
    if (total > limits.maxImportBytes)
      throw new ImportRefused(
        413,
        'payload_too_large',
        `Imports are limited to ${limits.maxImportBytes} bytes`,
      )
    if (input.parentId) {
      try {
        await this.deps.pages.tree.checkParent(input.workspaceId, input.parentId)
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'invalid_parent'
        throw new ApiError(400, code, (error as Error).message, 'parentId')
      }
    }

    // Links to pages of this workspace (`/p/<id>`, as Tisserand's exports write them) become page links.
    const existing = new Set((await this.deps.pages.pages.list(input.workspaceId)).map((page) => page.id))
    const linkToExisting: LinkResolver = (href) => {
      const id = href.match(PAGE_HREF)?.[1]
      return id && existing.has(id) ? id : null
    }

    // Phase 1: read and convert everything; nothing is stored yet.
    const warnings: ImportWarning[] = []
    const planned: PlannedPage[] = []
    // Names first: an unsupported file is refused before any other is read.
    for (const file of input.files)
      if (!formatOf(file.name))
        throw new ImportRefused(
          415,
          'unsupported_file',
          `${file.name}: only .docx, .md, .html, .txt files and .zip archives of them can be imported`,
        )
    for (const file of input.files) {
      const format = formatOf(file.name) as Format
      if (format === 'zip') planned.push(...(await this.planZip(file, input.kind, warnings, linkToExisting)))
      else
        planned.push(
          await convert(file.name, file.bytes, format, input.kind, limits, {
            id: newId(),
            resolveImage: () => () => null,
            resolveLink: linkToExisting,
          }),
        )
    }
    if (
      planned.some(function anyCase(page): boolean {
        return page.asCase || page.children.some(anyCase)
      })
    )
      await this.mapCases(planned, input.workspaceId)

    // Phase 2: store the images, then create the pages, parents first; derive them once all exist
    // (a link to a page imported after it then finds its title).
    const pages: ImportedPage[] = []
    const created: Page[] = []
    const create = async (page: PlannedPage, parentId: string | null) => {
      const row = await this.createPage(page, input.workspaceId, input.userId, parentId)
      created.push(row)
      pages.push({ id: row.id, title: row.title, kind: page.kind, parentId, warnings: page.warnings })
      for (const child of page.children) await create(child, row.id)
    }
    for (const page of planned) await create(page, input.parentId)
    for (const row of created) {
      await this.deps.written(row.id)
      await this.deps.recordVersion(row.id, input.userId)
      this.deps.created(row, input.userId)
    }
    return { pages, warnings }
  }

  /**
   * The archive's documents as a tree of pages: a folder is a page holding its files' pages (or
   * the document of the same name beside it, « Fiches de cas.md » for « Fiches de cas/ »). Images
   * and links are resolved inside the archive: `![](images/schema.png)` is the archive's file,
   * `[la fiche](Fiches%20de%20cas/Epicerie.md)` a link to the page that document becomes.
   */
  private async planZip(
    file: UploadedFile,
    kind: ImportKind,
    warnings: ImportWarning[],
    linkToExisting: LinkResolver,
  ): Promise<PlannedPage[]> {
    let entries: Map<string, Uint8Array>
    const hidden = (path: string) =>
      path.split('/').some((part) => part.startsWith('.') || part === '__MACOSX')
    let skipped = 0
    try {
      // Only documents and images are kept in memory; the other entries are inflated, counted, dropped.
      entries = readZip(file.bytes, this.deps.limits, (name) => {
        const wanted = !hidden(name) && ((formatOf(name) ?? 'zip') !== 'zip' || IMAGE_FILE.test(name))
        if (!wanted && !hidden(name)) skipped++
        return wanted
      })
    } catch (error) {
      if (error instanceof ZipRefused)
        throw new ImportRefused(400, 'invalid_file', `${file.name}: ${error.message}`)
      throw error
    }
    const root: Folder = { name: '', path: '', folders: new Map(), documents: [], id: '' }
    /** Page ids by archive path: documents by their path, folders by theirs (no trailing slash). */
    const ids = new Map<string, string>()
    for (const [path, bytes] of [...entries].sort(([a], [b]) => a.localeCompare(b))) {
      const parts = path.split('/').filter(Boolean)
      const name = parts[parts.length - 1] ?? ''
      const format = formatOf(name)
      // Images are kept for the documents that show them; nested archives are not opened.
      if (!format || format === 'zip') continue
      let folder = root
      for (const part of parts.slice(0, -1)) {
        let next = folder.folders.get(part)
        if (!next) {
          const folderPath = folder.path ? `${folder.path}/${part}` : part
          next = { name: part, path: folderPath, folders: new Map(), documents: [], id: newId() }
          folder.folders.set(part, next)
          ids.set(folderPath, next.id)
        }
        folder = next
      }
      const id = newId()
      ids.set(parts.join('/'), id)
      folder.documents.push({ path: parts.join('/'), name, format, bytes, id })
    }
    // A folder and the document of its name beside it are one page: the document's.
    const merge = (folder: Folder) => {
      for (const sub of folder.folders.values()) {
        const own = folder.documents.find((document) => stripExtension(document.name) === sub.name)
        if (own) {
          sub.id = own.id
          ids.set(sub.path, own.id)
        }
        merge(sub)
      }
    }
    merge(root)
    if (skipped > 0)
      warnings.push({
        code: 'zip_entries_skipped',
        count: skipped,
        message: `${skipped} file(s) of ${file.name} are not documents and were left out`,
      })

    const resolve = (docPath: string, href: string): string | null => {
      if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(href)) return null
      const path = docPath.split('/').slice(0, -1)
      for (const part of safeDecode(href.split(/[?#]/)[0] ?? '').split('/')) {
        if (part === '..') path.pop()
        else if (part !== '.' && part !== '') path.push(part)
      }
      return path.join('/')
    }
    const plan = async (folder: Folder): Promise<PlannedPage[]> => {
      const pages: PlannedPage[] = []
      const byId = new Map<string, PlannedPage>()
      for (const document of folder.documents) {
        const page = await convert(document.name, document.bytes, document.format, kind, this.deps.limits, {
          id: document.id,
          resolveImage: (images) => (src) => {
            const data = dataUri(src)
            if (data) return images.push(data) - 1
            const path = resolve(document.path, src)
            const bytes = path === null ? undefined : entries.get(path)
            return bytes ? images.push(bytes) - 1 : null
          },
          resolveLink: (href) => {
            const path = resolve(document.path, href)
            return (path === null ? undefined : ids.get(path)) ?? linkToExisting(href)
          },
        })
        byId.set(document.id, page)
        pages.push(page)
      }
      for (const sub of folder.folders.values()) {
        const children = await plan(sub)
        if (children.length === 0) continue
        const own = byId.get(sub.id)
        if (own) own.children.push(...children)
        else pages.push({ ...emptyPage(sub.name, sub.id), children })
      }
      return pages
    }
    return plan(root)
  }

  /** The headings of the workspace's case-sheet template (the default ones before it exists). */
  async templateHeadings(workspaceId: string): Promise<TemplateHeading[]> {
    const { templates, bodies } = this.deps.pages
    const template = await templates.find(workspaceId)
    if (!template) return TEMPLATE_SECTIONS.map(([text]) => ({ level: 2, text }))
    const headings: TemplateHeading[] = []
    ;(await bodies.readNode(template.id)).forEach((block) => {
      if (block.type.name === 'heading')
        headings.push({ level: Number(block.attrs.level ?? 2), text: block.textContent.trim() })
    })
    return headings
  }

  /** Case sheets: sections under the template's headings, properties out of their table. */
  private async mapCases(planned: PlannedPage[], workspaceId: string): Promise<void> {
    const headings = await this.templateHeadings(workspaceId)
    const synonyms = await this.deps.synonyms.get(workspaceId)
    const map = (page: PlannedPage) => {
      if (page.asCase) {
        const sheet = toCaseSheet(page.doc, headings, synonyms)
        checkDoc(sheet.doc, page.title)
        page.doc = sheet.doc
        if (page.frontProperties) {
          const front = readProperties(page.frontProperties, synonyms)
          Object.assign(sheet.properties, front.properties)
          sheet.warnings.push(...front.warnings)
        }
        const parsed = casePropertiesPatch.safeParse(sheet.properties)
        page.properties = parsed.success ? parsed.data : null
        page.warnings.push(...sheet.warnings)
        if (sheet.missing.length > 0)
          page.warnings.push({
            code: 'sections_missing',
            count: sheet.missing.length,
            message: `No section of the document matched: ${sheet.missing.join(', ')}`,
          })
      }
      page.children.forEach(map)
    }
    planned.forEach(map)
  }

  private async createPage(
    page: PlannedPage,
    workspaceId: string,
    userId: string,
    parentId: string | null,
  ): Promise<Page> {
    const { pages, bodies, properties } = this.deps.pages
    const urls: (string | null)[] = []
    for (const [i, bytes] of page.images.entries()) {
      try {
        urls.push((await this.deps.files.upload({ workspaceId, userId, name: `image-${i + 1}`, bytes })).url)
      } catch (error) {
        if (!(error instanceof NotAnImage)) throw error
        urls.push(null)
      }
    }
    const dropped = urls.filter((url) => url === null).length
    if (dropped > 0)
      page.warnings.push({
        code: 'images_not_images',
        count: dropped,
        message: `${dropped} image(s) were not PNG, JPEG, GIF, WebP or SVG and were left out`,
      })
    const doc = withImageUrls(page.doc, urls)
    const { id } = page
    await bodies.writeInitialJson(id, doc)
    let created: Page
    try {
      created = await pages.create({
        id,
        workspaceId,
        title: page.title,
        kind: page.kind,
        parentId,
        createdBy: userId,
      })
    } catch (error) {
      await bodies.remove([id])
      throw error
    }
    if (page.kind === 'case' && page.properties && Object.keys(page.properties).length > 0)
      await properties.patch(id, page.properties)
    return created
  }
}

interface Folder {
  name: string
  path: string
  id: string
  folders: Map<string, Folder>
  documents: { path: string; name: string; format: Exclude<Format, 'zip'>; bytes: Uint8Array; id: string }[]
}

/** A link to a Tisserand page: `/p/<id>`, `#/p/<id>` (the editor's own) or a full URL of one. */
const PAGE_HREF = /^(?:https?:\/\/[^/]+)?#?\/p\/([A-Za-z0-9_-]{1,64})\/?$/

function emptyPage(title: string, id: string): PlannedPage {
  return {
    id,
    title: title.slice(0, 300),
    kind: 'note',
    doc: { type: 'doc', content: [{ type: 'paragraph' }] },
    images: [],
    warnings: [],
    properties: null,
    frontProperties: null,
    children: [],
    asCase: false,
  }
}

const stripExtension = (name: string) => name.replace(/\.[^.]+$/, '')

function titleFromName(name: string): string {
  const base = stripExtension(name.split('/').pop() ?? name)
    .replace(/[_]+/g, ' ')
    .trim()
  return base || 'Document importé'
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The bytes of a `data:` URI (base64 or percent-encoded), or null. */
function dataUri(src: string): Uint8Array | null {
  const match = src.match(/^data:[^,]*?(;base64)?,(.*)$/is)
  if (!match) return null
  const payload = match[2] ?? ''
  return match[1]
    ? new Uint8Array(Buffer.from(payload, 'base64'))
    : new TextEncoder().encode(safeDecode(payload))
}

/** A document as a planned page; whatever breaks while reading it is the file's fault (400). */
async function convert(...args: Parameters<typeof convertDocument>): Promise<PlannedPage> {
  try {
    return await convertDocument(...args)
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ImportRefused(400, 'invalid_file', `${args[0]} could not be read: ${(error as Error).message}`)
  }
}

/**
 * The converters and the parsers they use (mammoth, linkedom, markdown-it, yaml): loaded by the
 * first import rather than at start, so a server that never imports does not hold them.
 */
async function converters() {
  const [docx, html, text] = await Promise.all([
    import('./docx.ts'),
    import('./html-to-doc.ts'),
    import('./text-formats.ts'),
  ])
  return { ...docx, ...html, ...text }
}

async function convertDocument(
  name: string,
  bytes: Uint8Array,
  format: Exclude<Format, 'zip'>,
  requestedKind: ImportKind,
  limits: ZipLimits,
  context: {
    id: string
    /** How the document's image sources are found, given the list to add their bytes to. */
    resolveImage: (images: Uint8Array[]) => ImageResolver
    resolveLink: LinkResolver
  },
): Promise<PlannedPage> {
  const {
    docxToHtml,
    htmlToDoc,
    decodeText,
    htmlBody,
    htmlTitle,
    markdownToHtml,
    plainTextToHtml,
    splitFrontMatter,
  } = await converters()
  /** What the request asked for, unless a Markdown file's front matter says what it is. */
  let kind = requestedKind
  const images: Uint8Array[] = []
  const warnings: ImportWarning[] = []
  let html: string
  let resolve: ImageResolver
  /** Word's Title paragraph: the title, whatever the body holds. */
  let title: string | null = null
  /** An HTML document's <title>: the title unless the body opens with one. */
  let fallbackTitle: string | null = null
  let frontProperties: Record<string, unknown> | null = null
  if (format === 'docx') {
    const converted = await docxToHtml(bytes, limits)
    html = converted.html
    title = converted.title
    warnings.push(...converted.warnings)
    for (const image of converted.images) images.push(image.bytes)
    resolve = (src) => {
      const index = src.startsWith(IMAGE_PLACEHOLDER)
        ? Number(src.slice(IMAGE_PLACEHOLDER.length))
        : Number.NaN
      return Number.isInteger(index) && index >= 0 && index < images.length ? index : null
    }
  } else {
    const text = decodeText(bytes, name)
    const fallback = context.resolveImage(images)
    resolve = (src) => {
      const data = dataUri(src)
      return data ? images.push(data) - 1 : fallback(src)
    }
    if (format === 'markdown') {
      const front = splitFrontMatter(text)
      html = markdownToHtml(front.body)
      if (front.invalid)
        warnings.push({
          code: 'front_matter_invalid',
          message: 'The front matter is not valid YAML and was left out',
        })
      if (front.data) {
        const meta = front.data
        if (typeof meta.title === 'string' && meta.title.trim()) title = meta.title.trim()
        if ((IMPORT_KINDS as readonly unknown[]).includes(meta.kind)) kind = meta.kind as ImportKind
        if (meta.properties && typeof meta.properties === 'object' && !Array.isArray(meta.properties))
          frontProperties = meta.properties as Record<string, unknown>
        const codes = [meta.codes, meta.passage_codes].flatMap((list) => (Array.isArray(list) ? list : []))
        if (codes.length > 0)
          warnings.push({
            code: 'front_matter_codes',
            count: codes.length,
            message: `Codes named in the front matter were not applied: ${codes.join(', ')}`,
          })
      }
    } else if (format === 'html') {
      html = htmlBody(text)
      fallbackTitle = htmlTitle(text)
    } else html = plainTextToHtml(text)
  }
  const converted = htmlToDoc(html, resolve, context.resolveLink)
  warnings.push(...converted.warnings)
  let doc = converted.doc
  // A document that opens with its only first-level heading (Markdown's `# `, Word's Heading 1, an
  // HTML page's <h1>): that heading is the page's title, not a line of its body.
  const blocks = doc.content ?? []
  const first = blocks[0]
  const h1s = blocks.filter((block) => block.type === 'heading' && block.attrs?.level === 1)
  if (title === null && first?.type === 'heading' && first.attrs?.level === 1 && h1s.length === 1) {
    const text = plain(first).trim()
    if (text) {
      title = text
      const rest = blocks.slice(1)
      doc = { ...doc, content: rest.length > 0 ? rest : [{ type: 'paragraph' }] }
    }
  }
  checkDoc(doc, name)
  return {
    id: context.id,
    title: (title ?? fallbackTitle ?? titleFromName(name)).slice(0, 300),
    kind,
    doc,
    images,
    warnings,
    properties: null,
    frontProperties,
    children: [],
    asCase: kind === 'case',
  }
}

const plain = (node: PmJson): string =>
  node.type === 'text' ? (node.text ?? '') : (node.content ?? []).map(plain).join('')

function checkDoc(doc: PmJson, name: string): void {
  try {
    serverSchema().nodeFromJSON(doc).check()
  } catch (error) {
    throw new ImportRefused(
      400,
      'invalid_file',
      `${name} could not be turned into a page: ${(error as Error).message}`,
    )
  }
}

/** The JSON with each `import-image:N` replaced by the stored file's URL, or left out. */
function withImageUrls(node: PmJson, urls: (string | null)[]): PmJson {
  if (!node.content) return node
  const content: PmJson[] = []
  for (const child of node.content) {
    if (child.type === 'image') {
      const src = String(child.attrs?.src ?? '')
      const url = src.startsWith(IMAGE_PLACEHOLDER) ? urls[Number(src.slice(IMAGE_PLACEHOLDER.length))] : null
      if (url) content.push({ ...child, attrs: { ...child.attrs, src: url } })
      continue
    }
    content.push(withImageUrls(child, urls))
  }
  // A cell or item whose only block was a dropped image still needs a paragraph.
  if (content.length === 0 && node.type !== 'doc') return { ...node, content: [{ type: 'paragraph' }] }
  return { ...node, content: content.length > 0 ? content : [{ type: 'paragraph' }] }
}
