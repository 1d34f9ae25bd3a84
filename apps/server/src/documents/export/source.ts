/**
 * What an export reads, one page at a time so a 500-page dossier never holds every body at once:
 * page rows in tree order, a page's body (read, never written) with its comment threads and coded
 * passages placed on it, its case properties and codes, its images, and the typology's codes,
 * relations and usage for the diagram. Everything is what the requesting member may see (blind
 * rounds hide other coders' codings).
 */
import type { EvidenceFilters } from '@tisserand/editor-schema'
import type { Kysely } from 'kysely'
import { resolvePassage } from '../../anchors/text-anchors.ts'
import type { Comments } from '../../comments/index.ts'
import type { Files } from '../../files/index.ts'
import type { Page, PageProperties, Pages } from '../../pages/index.ts'
import type { QuotationServices } from '../../quotations/index.ts'
import type { Database } from '../../store/schema.ts'
import type { PageDocs } from '../../sync/page-docs.ts'
import { type Typology, type Viewer, visibleTo } from '../../typology/index.ts'
import { type RasterImage, rasterFor } from './assets.ts'
import { type ExportBody, readExportBody, type Span } from './model.ts'

export interface ExportDeps {
  pages: Pages
  properties: PageProperties
  typology: Typology
  comments: Comments
  files: Files
  pageDocs: PageDocs
  /** Evidence tables in bodies are expanded with the quotations feature's rows. */
  quotations: Pick<QuotationServices, 'evidence'>
}

export interface BodyOptions {
  /** Comment threads (open ones) as footnotes where their passage ends. */
  comments: boolean
  /** Coded passages highlighted, their codes as footnotes. */
  codes: boolean
}

export interface ExportCode {
  id: string
  label: string
  path: string[]
  depth: number
  color: string | null
  parentId: string | null
  dimensionId: string
}

/** Labels of the case properties, in the study's words. */
const PROPERTY_LABELS: [key: 'territory' | 'yearFounded' | 'needsOrigin' | 'status', label: string][] = [
  ['territory', 'Territoire'],
  ['yearFounded', 'Année de création'],
  ['needsOrigin', 'Origine des besoins'],
  ['status', 'Statut de l’initiative'],
]
const VALUE_LABELS: Record<string, string> = {
  beneficiaries: 'Exprimés par les bénéficiaires',
  initiative: 'Issus de l’initiative',
  both: 'Les deux',
  active: 'En activité',
  paused: 'En pause',
  ended: 'Arrêtée',
}

export interface ExportImage extends RasterImage {
  contentType: string
  /** The stored bytes as uploaded (HTML embeds these, SVG included). */
  original: Uint8Array
}

export class ExportSource {
  readonly db: Kysely<Database>
  private titles: Map<string, string> | null = null
  private codeList: ExportCode[] | null = null
  private readonly images = new Map<string, Promise<ExportImage | null>>()

  constructor(
    private readonly deps: ExportDeps,
    readonly workspaceId: string,
    readonly viewer: Viewer,
  ) {
    this.db = deps.typology.db
  }

  static async forUser(deps: ExportDeps, workspaceId: string, userId: string): Promise<ExportSource> {
    return new ExportSource(deps, workspaceId, await deps.typology.viewer(workspaceId, userId))
  }

  async workspaceName(): Promise<string> {
    const row = await this.db
      .selectFrom('workspace')
      .select('name')
      .where('id', '=', this.workspaceId)
      .executeTakeFirst()
    return row?.name ?? 'Tisserand'
  }

  /** Live pages (not the template, not in the trash) depth first, each after its parent. */
  async pagesInTreeOrder(rootId?: string): Promise<(Page & { depth: number })[]> {
    const all = await this.deps.pages.list(this.workspaceId)
    const children = new Map<string | null, Page[]>()
    for (const page of all) {
      const list = children.get(page.parentId) ?? []
      list.push(page)
      children.set(page.parentId, list)
    }
    const out: (Page & { depth: number })[] = []
    const visit = (page: Page, depth: number) => {
      out.push({ ...page, depth })
      for (const child of children.get(page.id) ?? []) visit(child, depth + 1)
    }
    if (rootId) {
      const root = all.find((p) => p.id === rootId)
      if (root) visit(root, 0)
    } else for (const top of children.get(null) ?? []) visit(top, 0)
    this.titles ??= new Map(all.map((p) => [p.id, p.title]))
    return out
  }

  async title(pageId: string): Promise<string> {
    if (!this.titles) {
      const rows = await this.db
        .selectFrom('page')
        .select(['id', 'title'])
        .where('workspace_id', '=', this.workspaceId)
        .execute()
      this.titles = new Map(rows.map((r) => [r.id, r.title]))
    }
    return this.titles.get(pageId) ?? ''
  }

  /** Titles of every page of the workspace (for page links), read once. */
  async titleOf(): Promise<(pageId: string) => string> {
    await this.title('')
    const titles = this.titles ?? new Map()
    return (pageId) => titles.get(pageId) || 'Page'
  }

  async codes(): Promise<ExportCode[]> {
    this.codeList ??= await this.deps.typology.views.liveCodes(this.workspaceId)
    return this.codeList
  }

  async diagramInput() {
    const [codes, view, usage] = await Promise.all([
      this.codes(),
      this.deps.typology.codebook.view(this.workspaceId),
      this.deps.typology.views.usage(this.viewer, this.workspaceId),
    ])
    return { codes, relations: view.relations, usage }
  }

  /** The page's body with its passages placed as `options` asks. */
  async body(page: Page, options: BodyOptions): Promise<ExportBody> {
    const threads = options.comments
      ? (await this.deps.comments.listForPage(page.id)).filter((t) => t.status === 'open')
      : []
    const codings = options.codes ? await this.passageRows(page.id) : []
    const codes = new Map<string, ExportCode>(options.codes ? (await this.codes()).map((c) => [c.id, c]) : [])
    return this.deps.pageDocs.read(page.id, (doc) =>
      readExportBody(doc, (flat) => {
        const spans: Span[] = []
        for (const thread of threads) {
          const at = resolvePassage(doc, flat, thread.anchor)
          if (!at) continue
          const said = thread.messages
            .filter((m) => !m.deleted)
            .map((m) => `${m.author.name}\u00a0: ${m.body.replace(/@\[([^\]]*)\]\([^)]*\)/g, '@$1')}`)
          spans.push({ from: at.from, to: at.to, note: said.join(' — ') || thread.quote })
        }
        // Passages of one range share one note naming every code on it.
        const byRange = new Map<string, { from: number; to: number; labels: string[]; color: string }>()
        for (const row of codings) {
          const code = codes.get(row.code_id)
          if (!code) continue
          const at = resolvePassage(doc, flat, { start: row.anchor_start, end: row.anchor_end })
          if (!at) continue
          const key = `${at.from} ${at.to}`
          const range = byRange.get(key) ?? {
            from: at.from,
            to: at.to,
            labels: [],
            color: code.color ?? '#fde68a',
          }
          if (!range.labels.includes(code.label)) range.labels.push(code.label)
          byRange.set(key, range)
        }
        for (const r of byRange.values())
          spans.push({
            from: r.from,
            to: r.to,
            highlight: r.color,
            note: `${r.labels.length > 1 ? 'Codes' : 'Code'}\u00a0: ${r.labels.join(', ')}`,
          })
        return spans.sort((a, b) => a.to - b.to || a.from - b.from)
      }),
    )
  }

  private passageRows(pageId: string) {
    return this.db
      .selectFrom('passage_coding')
      .innerJoin('code', 'code.id', 'passage_coding.code_id')
      .select(['passage_coding.code_id', 'passage_coding.anchor_start', 'passage_coding.anchor_end'])
      .where('passage_coding.page_id', '=', pageId)
      .where('passage_coding.superseded', '=', 0)
      .where('passage_coding.detached', '=', 0)
      .where('code.retired_at', 'is', null)
      .where(visibleTo(this.viewer, 'passage_coding'))
      .orderBy('passage_coding.created_at')
      .execute()
  }

  /** Every live coded passage of the workspace the viewer may see, with its case, in tree order of codes. */
  async codedPassages(pageIds: Set<string>) {
    await this.deps.typology.flushDerived([...pageIds])
    const rows = await this.db
      .selectFrom('passage_coding')
      .innerJoin('code', 'code.id', 'passage_coding.code_id')
      .innerJoin('page', 'page.id', 'passage_coding.page_id')
      .select([
        'passage_coding.id',
        'passage_coding.code_id',
        'passage_coding.page_id',
        'passage_coding.text',
        'passage_coding.start_offset',
        'page.title',
      ])
      .where('passage_coding.workspace_id', '=', this.workspaceId)
      .where('passage_coding.superseded', '=', 0)
      .where('passage_coding.detached', '=', 0)
      .where('code.retired_at', 'is', null)
      .where('page.archived_at', 'is', null)
      .where(visibleTo(this.viewer, 'passage_coding'))
      .orderBy('page.position')
      .orderBy('passage_coding.start_offset')
      .execute()
    return rows
      .filter((r) => pageIds.has(r.page_id) && (r.text ?? '').trim() !== '')
      .map((r) => ({
        id: r.id,
        codeId: r.code_id,
        pageId: r.page_id,
        caseTitle: r.title,
        text: r.text ?? '',
      }))
  }

  /** A quotation node's passage as it reads now, and its case; null when gone or hidden. */
  async quotation(codingId: string): Promise<{ text: string; caseTitle: string } | null> {
    const row = await this.db
      .selectFrom('passage_coding')
      .innerJoin('page', 'page.id', 'passage_coding.page_id')
      .select(['passage_coding.text', 'page.title'])
      .where('passage_coding.id', '=', codingId)
      .where('passage_coding.workspace_id', '=', this.workspaceId)
      .where('passage_coding.detached', '=', 0)
      .where(visibleTo(this.viewer, 'passage_coding'))
      .executeTakeFirst()
    return row?.text ? { text: row.text, caseTitle: row.title } : null
  }

  /** An evidence table's rows as they are now, as plain cells (group, passage, codes or case). */
  async evidence(query: {
    codeIds: string[]
    filters: Record<string, string>
    groupBy: 'case' | 'code'
  }): Promise<{ head: string[]; rows: string[][] }> {
    // Only the filters an evidence table has (the case properties it may ask for) are passed on.
    const filters: EvidenceFilters = {}
    for (const key of ['territory', 'status', 'needsOrigin'] as const) {
      const value = query.filters[key]
      if (value) filters[key] = value
    }
    const { groups } = await this.deps.quotations.evidence.table(this.workspaceId, {
      codeIds: query.codeIds,
      filters,
      groupBy: query.groupBy,
    })
    const head = query.groupBy === 'case' ? ['Cas', 'Passage', 'Codes'] : ['Code', 'Passage', 'Cas']
    const rows = groups.flatMap((g) =>
      g.rows.map((r) => [
        g.label,
        `« ${r.text} »`,
        query.groupBy === 'case' ? r.codes.map((c) => c.label).join(', ') : r.pageTitle,
      ]),
    )
    return { head, rows }
  }

  /** The case properties that are set, as label and text. */
  async properties(pageId: string): Promise<[string, string][]> {
    const props = await this.deps.properties.get(pageId)
    const out: [string, string][] = []
    for (const [key, label] of PROPERTY_LABELS) {
      const value = props[key]
      if (value === null || value === undefined || value === '') continue
      out.push([label, VALUE_LABELS[String(value)] ?? String(value)])
    }
    return out
  }

  /** Labels of the codes applied to the whole page (shared and agreed case-level codes). */
  async caseCodes(pageId: string): Promise<string[]> {
    const codes = new Map((await this.codes()).map((c) => [c.id, c]))
    const rows = await this.deps.typology.caseCoding.list(this.viewer, pageId)
    return [...new Set(rows.map((r) => codes.get(r.codeId)?.label).filter((l): l is string => Boolean(l)))]
  }

  /** Open comment threads of these pages, in their order, for the dossier's appendix. */
  async openThreads(pageIds: string[]) {
    const out = []
    for (const pageId of pageIds) {
      const threads = (await this.deps.comments.listForPage(pageId)).filter((t) => t.status === 'open')
      for (const t of threads) out.push(t)
    }
    return out
  }

  /** An uploaded image of this workspace, once per export; null when absent or not readable. */
  image(fileId: string, userId: string): Promise<ExportImage | null> {
    let found = this.images.get(fileId)
    if (!found) {
      found = (async (): Promise<ExportImage | null> => {
        const file = await this.deps.files.read(fileId, userId)
        if (!file || file.file.workspaceId !== this.workspaceId) return null
        const raster = await rasterFor(file.bytes, file.file.contentType)
        const original = new Uint8Array(file.bytes)
        if (raster) return { ...raster, contentType: file.file.contentType, original }
        const none: ExportImage = {
          type: 'png',
          bytes: new Uint8Array(),
          width: 0,
          height: 0,
          contentType: file.file.contentType,
          original,
        }
        return none
      })().catch(() => null)
      this.images.set(fileId, found)
    }
    return found
  }

  /** Forgets images once a page is done (a dossier of many images must not keep them all). */
  releaseImages(): void {
    this.images.clear()
  }
}
