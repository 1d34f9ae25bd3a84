/** Exports of the typology (REFI-QDA .qdpx and .qdc, CSV) and the .qdc import. */
import type { Context } from 'hono'
import { z } from 'zod'
import { ApiError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'
import { inWorkspace, type RouteHandlers, type RouteSpecs, signedIn } from '../http/route-table.ts'
import { readJson } from '../http/validate.ts'
import { toCsv } from './refi/csv.ts'
import { codebookQdc, parseQdc } from './refi/qdc.ts'
import { qdpxArchive } from './refi/qdpx.ts'
import { importQdpx, type QdpxImportDeps } from './refi/qdpx-import.ts'
import { readQdpx } from './refi/qdpx-read.ts'
import { readStudy } from './refi/study.ts'
import { type TypologyRouteDeps, viewerOf } from './routes.ts'

const MAX_QDC_BYTES = 5 * 1024 * 1024
const linkBody = z.object({ memberId: z.string().min(1).max(64) })

/** What the exports and the .qdpx import need: the typology, and pages and accounts to make a workspace. */
export type TypologyExportDeps = TypologyRouteDeps &
  Omit<QdpxImportDeps, 'typology'> & {
    /** Derives the imported pages at once (search, links), as the server does for pages it writes. */
    indexer: { derive(pageId: string): Promise<void> }
  }

function slug(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'tisserand'
  )
}

function download(c: Context<AppEnv>, body: string | Uint8Array, type: string, filename: string) {
  c.header('Content-Type', type)
  c.header('Content-Disposition', `attachment; filename="${filename}"`)
  c.header('Cache-Control', 'no-store')
  return c.body(typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>))
}

const day = (ms: number) => new Date(ms).toISOString()

export const TYPOLOGY_EXPORT_ROUTES = {
  exportQdpx: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/export/qdpx',
    guard: inWorkspace('workspace.read'),
  },
  exportQdc: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/export/qdc',
    guard: inWorkspace('workspace.read'),
  },
  exportCodebookCsv: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/export/codebook.csv',
    guard: inWorkspace('workspace.read'),
  },
  exportPassagesCsv: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/export/passages.csv',
    guard: inWorkspace('workspace.read'),
  },
  exportMatrixCsv: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/export/matrix.csv',
    guard: inWorkspace('workspace.read'),
  },
  importQdc: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/import/qdc',
    guard: inWorkspace('codebook.edit'),
  },
  importQdpx: { method: 'POST', path: '/api/workspaces/import/qdpx', guard: signedIn },
  listImportedCoders: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/imported-coders',
    guard: inWorkspace('member.list'),
  },
  linkImportedCoder: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/imported-coders/:userId/link',
    guard: inWorkspace('member.manage'),
  },
} as const satisfies RouteSpecs

export function typologyExportHandlers(
  deps: TypologyExportDeps,
): RouteHandlers<typeof TYPOLOGY_EXPORT_ROUTES> {
  const { typology, workspaceEvents } = deps
  const db = typology.db
  // Exports hold what the caller may see: a coder's export during a blind round has no other coder's codings.
  const study = async (c: Context<AppEnv>) =>
    readStudy(db, typology, c.get('workspaceId'), await viewerOf(typology, c))

  return {
    exportQdpx: async (c) => {
      const s = await study(c)
      return download(c, qdpxArchive(s), 'application/zip', `${slug(s.workspace.name)}.qdpx`)
    },
    exportQdc: async (c) => {
      const s = await study(c)
      return download(
        c,
        codebookQdc(s.codes),
        'application/xml; charset=utf-8',
        `${slug(s.workspace.name)}.qdc`,
      )
    },
    exportCodebookCsv: async (c) => {
      const s = await study(c)
      const csv = toCsv(
        ['id', 'parent_id', 'path', 'label', 'description', 'color', 'level'],
        s.codes.map((code) => [
          code.id,
          code.parentId ?? '',
          code.path.join(' / '),
          code.label,
          code.description,
          code.color ?? '',
          code.depth,
        ]),
      )
      return download(c, csv, 'text/csv; charset=utf-8', `${slug(s.workspace.name)}-codebook.csv`)
    },
    exportPassagesCsv: async (c) => {
      const s = await study(c)
      const codes = new Map(s.codes.map((code) => [code.id, code]))
      const users = new Map(s.users.map((u) => [u.id, u.name]))
      const rows = s.cases.flatMap((cs) =>
        cs.passages.map((p) => [
          codes.get(p.codeId)?.path.join(' / ') ?? '',
          cs.title,
          p.text,
          users.get(p.authorId) ?? '',
          day(p.createdAt),
          p.start,
          p.end,
        ]),
      )
      const csv = toCsv(['code_path', 'case', 'excerpt', 'author', 'date', 'start', 'end'], rows)
      return download(c, csv, 'text/csv; charset=utf-8', `${slug(s.workspace.name)}-passages.csv`)
    },
    exportMatrixCsv: async (c) => {
      const workspaceId = c.get('workspaceId')
      const matrix = await typology.views.matrix(await viewerOf(typology, c), workspaceId)
      const cells = new Map(matrix.cells.map((cell) => [`${cell.pageId} ${cell.codeId}`, cell]))
      // A cell is the number of coded passages, followed by "*" when the code is on the whole case.
      const rows = matrix.cases.map((cs) => [
        cs.title,
        cs.kind,
        ...matrix.codes.map((code) => {
          const cell = cells.get(`${cs.pageId} ${code.id}`)
          return cell ? `${cell.passages}${cell.caseLevel ? '*' : ''}` : '0'
        }),
      ])
      const csv = toCsv(['case', 'kind', ...matrix.codes.map((code) => code.path.join(' / '))], rows)
      return download(c, csv, 'text/csv; charset=utf-8', 'matrix.csv')
    },
    importQdc: async (c) => {
      const text = await c.req.text()
      if (text.length > MAX_QDC_BYTES)
        throw new ApiError(413, 'payload_too_large', 'The codebook is too large')
      if (!text.trim()) throw new ApiError(400, 'invalid_qdc', 'Send the .qdc file as the request body')
      const imported = parseQdc(text)
      if (imported.length === 0) throw new ApiError(400, 'invalid_qdc', 'The codebook has no code')
      const workspaceId = c.get('workspaceId')
      const actorId = c.get('auth')?.user.id ?? ''
      const result = await typology.codebook.importCodes(
        workspaceId,
        actorId,
        imported,
        `REFI-QDA (${imported.length})`,
      )
      workspaceEvents.publish(workspaceId, {
        type: 'codebook.changed',
        change: 'import',
        changeId: result.changeId,
        codeId: null,
        actorId,
      })
      return c.json(
        { changeId: result.changeId, imported: imported.length, ids: Object.fromEntries(result.ids) },
        201,
      )
    },
    importQdpx: async (c) => {
      const form = await c.req.parseBody().catch(() => {
        throw new ApiError(400, 'invalid_input', 'Send the .qdpx as the multipart field "file"', 'file')
      })
      const file = form.file
      if (!(file instanceof File))
        throw new ApiError(400, 'invalid_input', 'Send the .qdpx as the multipart field "file"', 'file')
      const project = readQdpx(
        new Uint8Array(await file.arrayBuffer()),
        file.name.replace(/\.qdpx$/i, '') || undefined,
      )
      const actorId = c.get('auth')?.user.id ?? ''
      const result = await importQdpx({ ...deps, typology }, project, actorId)
      const pages = await deps.pages.list(result.workspace.id)
      for (const page of pages) await deps.indexer.derive(page.id)
      return c.json(result, 201)
    },
    listImportedCoders: async (c) =>
      c.json({ coders: await typology.importedCoders.list(c.get('workspaceId')) }),
    linkImportedCoder: async (c) => {
      const body = await readJson(c, linkBody)
      const workspaceId = c.get('workspaceId')
      const coder = await typology.importedCoders.link(
        workspaceId,
        c.req.param('userId') ?? '',
        body.memberId,
      )
      workspaceEvents.publish(workspaceId, { type: 'coding.derived', actorId: c.get('auth')?.user.id })
      return c.json({ coder })
    },
  }
}
