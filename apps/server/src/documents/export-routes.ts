/**
 * Exports of documents: a page as Markdown, HTML, Word or PDF, and the study dossier (the
 * workspace or a subtree) as Word, PDF, HTML or a ZIP of Markdown files. Any member may export
 * what they may read. Answers are streamed as they are written; pdfkit and docx load on first use.
 */
import { PassThrough, Readable } from 'node:stream'
import type { Context } from 'hono'
import { z } from 'zod'
import { ApiError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'
import { inWorkspace, onPage, type RouteHandlers, type RouteSpecs } from '../http/route-table.ts'
import { readQuery } from '../http/validate.ts'
import { slugify, writeArchive } from './export/archive.ts'
import { composeDossier, composePage, type DocWriter } from './export/compose.ts'
import { DocxWriter } from './export/docx.ts'
import { HtmlWriter } from './export/html.ts'
import { MarkdownWriter } from './export/markdown.ts'
import { PdfWriter } from './export/pdf.ts'
import { type ExportDeps, ExportSource } from './export/source.ts'

export type DocumentExportDeps = ExportDeps

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true')

const pageQuery = z.object({
  format: z.enum(['md', 'html', 'docx', 'pdf'], { message: 'format must be md, html, docx or pdf' }),
  comments: flag,
  codes: flag,
})

const dossierQuery = z.object({
  format: z.enum(['docx', 'pdf', 'html', 'md-zip'], { message: 'format must be docx, pdf, html or md-zip' }),
  rootId: z.string().min(1).max(64).optional(),
  discussions: flag,
})

const TYPES = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  'md-zip': 'application/zip',
} as const
const EXTENSIONS = { md: 'md', html: 'html', docx: 'docx', pdf: 'pdf', 'md-zip': 'zip' } as const
type Format = keyof typeof TYPES

/** `attachment` with an ASCII name for old clients and the real one (RFC 5987) for the others. */
export function contentDisposition(title: string, extension: string): string {
  const ascii = `${slugify(title)}.${extension}`
  // Path separators and control characters cannot be in a name; browsers replace what else they must.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const utf8 = `${title.replace(/[\\/\u0000-\u001f]+/g, '-').trim() || 'export'}.${extension}`
  const encoded = encodeURIComponent(utf8).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

export const DOCUMENT_EXPORT_ROUTES = {
  exportPage: { method: 'GET', path: '/api/pages/:pageId/export', guard: onPage('page.read') },
  exportWorkspace: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/export',
    guard: inWorkspace('workspace.read'),
  },
} as const satisfies RouteSpecs

/** The answer: headers now, the body as `write` produces it (errors end the stream). */
function streamed(
  format: Format,
  title: string,
  write: (out: PassThrough) => Promise<void>,
  extra: Record<string, string> = {},
) {
  const out = new PassThrough()
  // A cancelled download destroys the stream; what the export still writes is dropped, not thrown.
  out.on('error', () => {})
  write(out).then(
    () => {
      if (!out.writableEnded) out.end()
    },
    (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
  )
  return new Response(Readable.toWeb(out) as ReadableStream, {
    status: 200,
    headers: {
      'Content-Type': TYPES[format],
      'Content-Disposition': contentDisposition(title, EXTENSIONS[format]),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...extra,
    },
  })
}

/** The reader went away: the export stops at the next chapter. */
class ExportAborted extends Error {}

/**
 * Resolves once `out` has room again, so a slow reader slows the export instead of filling
 * memory; rejects when the reader has gone (the download was cancelled), which ends the export.
 */
function drained(out: PassThrough): Promise<void> {
  if (out.destroyed) return Promise.reject(new ExportAborted('the download was cancelled'))
  if (!out.writableNeedDrain) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const done = () => {
      out.off('drain', done)
      out.off('close', done)
      if (out.destroyed) reject(new ExportAborted('the download was cancelled'))
      else resolve()
    }
    out.on('drain', done)
    out.on('close', done)
  })
}

/** A writer for `format` that sends what it writes to `out`. */
async function writerFor(
  format: 'md' | 'html' | 'docx' | 'pdf',
  title: string,
  out: PassThrough,
): Promise<DocWriter> {
  const ended = () => new Promise<void>((resolve) => out.end(resolve))
  switch (format) {
    case 'md':
      return new MarkdownWriter(
        (chunk) => out.write(chunk),
        { imageHref: (id) => `/api/files/${encodeURIComponent(id)}`, figureHref: undefined },
        ended,
      )
    case 'html':
      return new HtmlWriter((chunk) => out.write(chunk), title, ended)
    case 'docx': {
      const docx = await import('docx')
      return new DocxWriter(docx, title, async (stream) => {
        await new Promise<void>((resolve, reject) => {
          stream.on('error', reject)
          out.on('finish', resolve)
          stream.pipe(out)
        })
      })
    }
    case 'pdf': {
      const { default: PDFDocument } = await import('pdfkit')
      return new PdfWriter(PDFDocument, title, (stream) => stream.pipe(out))
    }
  }
}

export function documentExportHandlers(
  deps: DocumentExportDeps,
): RouteHandlers<typeof DOCUMENT_EXPORT_ROUTES> {
  const userOf = (c: Context<AppEnv>) => c.get('auth')?.user.id ?? ''
  return {
    exportPage: async (c) => {
      const query = readQuery(c.req.query(), pageQuery)
      const page = await deps.pages.get(c.req.param('pageId') ?? '')
      if (!page || page.archivedAt !== null) throw new ApiError(404, 'not_found', 'No such page')
      const userId = userOf(c)
      const source = await ExportSource.forUser(deps, page.workspaceId, userId)
      return streamed(query.format, page.title, async (out) => {
        const writer = await writerFor(query.format, page.title, out)
        writer.drain = () => drained(out)
        await composePage(source, page, writer, { comments: query.comments, codes: query.codes, userId })
      })
    },
    exportWorkspace: async (c) => {
      const query = readQuery(c.req.query(), dossierQuery)
      const workspaceId = c.get('workspaceId')
      const userId = userOf(c)
      const source = await ExportSource.forUser(deps, workspaceId, userId)
      let title = await source.workspaceName()
      if (query.rootId) {
        const root = await deps.pages.get(query.rootId)
        if (!root || root.workspaceId !== workspaceId || root.archivedAt !== null || root.kind === 'template')
          throw new ApiError(404, 'not_found', 'No such page in this workspace', 'rootId')
        title = `${title} — ${root.title}`
      }
      const pages = (await source.pagesInTreeOrder(query.rootId)).length
      const extra = { 'X-Export-Pages': String(pages) }
      if (query.format === 'md-zip') {
        const fflate = await import('fflate')
        return streamed(
          'md-zip',
          title,
          async (out) => {
            await writeArchive(
              fflate,
              source,
              { rootId: query.rootId, userId, drain: () => drained(out) },
              (chunk, final) => {
                out.write(chunk)
                if (final) out.end()
              },
            )
          },
          extra,
        )
      }
      const format = query.format
      return streamed(
        format,
        title,
        async (out) => {
          const writer = await writerFor(format, title, out)
          writer.drain = () => drained(out)
          await composeDossier(source, writer, {
            rootId: query.rootId,
            discussions: query.discussions,
            userId,
          })
        },
        extra,
      )
    },
  }
}
