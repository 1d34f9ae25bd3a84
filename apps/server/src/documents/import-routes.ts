/**
 * Importing documents as pages (docs/documents.md « Import »): the route table, its body limit
 * (MAX_IMPORT_BYTES, not the JSON one: server.ts hands isImportUpload and importBodyLimit to the
 * app) and the case-sheet synonyms owners edit.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { ApiError } from '../errors.ts'
import { inWorkspace, type RouteHandlers, type RouteSpecs } from '../http/route-table.ts'
import { readJson } from '../http/validate.ts'
import { ImportRefused } from './import/errors.ts'
import { IMPORT_KINDS, type Importer, type UploadedFile } from './import/importer.ts'
import { type Synonyms, synonymsBody } from './import/synonyms.ts'

export const IMPORT_ROUTES = {
  importDocuments: {
    method: 'POST',
    path: '/api/workspaces/:workspaceId/import',
    guard: inWorkspace('document.import'),
  },
  getImportSynonyms: {
    method: 'GET',
    path: '/api/workspaces/:workspaceId/import/synonyms',
    guard: inWorkspace('document.import'),
  },
  updateImportSynonyms: {
    method: 'PATCH',
    path: '/api/workspaces/:workspaceId/import/synonyms',
    guard: inWorkspace('import.synonyms'),
  },
} as const satisfies RouteSpecs

export interface ImportRouteDeps {
  importer: Importer
  importSynonyms: Synonyms
  maxImportBytes: number
}

/** Multipart framing around the files and the other fields: well under this. */
const MULTIPART_OVERHEAD = 256 * 1024

const tooLarge = (maxBytes: number) =>
  new ImportRefused(413, 'payload_too_large', `Imports are limited to ${maxBytes} bytes`)

/** True for the import route, whose body limit is MAX_IMPORT_BYTES. */
export function isImportUpload(c: Context): boolean {
  return c.req.method === 'POST' && /^\/api\/workspaces\/[^/]+\/import\/?$/.test(c.req.path)
}

export function importBodyLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes + MULTIPART_OVERHEAD,
    onError: (c) => {
      // The rest of the body is not read: the connection cannot carry another request.
      c.header('Connection', 'close')
      throw tooLarge(maxBytes)
    },
  })
}

const fields = z.object({
  parentId: z.string().min(1).max(64).optional(),
  kind: z.enum(IMPORT_KINDS).default('note'),
})

const synonymsPatch = synonymsBody.partial()

export function importHandlers({
  importer,
  importSynonyms,
  maxImportBytes,
}: ImportRouteDeps): RouteHandlers<typeof IMPORT_ROUTES> {
  return {
    importDocuments: async (c) => {
      if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data'))
        throw new ApiError(
          400,
          'invalid_input',
          'Send the files as multipart/form-data, field "file"',
          'file',
        )
      let form: Record<string, unknown>
      try {
        form = await c.req.parseBody({ all: true })
      } catch {
        throw new ApiError(400, 'invalid_input', 'The multipart body could not be read', 'file')
      }
      const given = ([] as unknown[]).concat(form.file ?? [])
      if (given.length === 0 || !given.every((file) => file instanceof File))
        throw new ApiError(
          400,
          'invalid_input',
          'The multipart field "file" must hold one or more files',
          'file',
        )
      const single = (value: unknown) => (Array.isArray(value) ? value[0] : value)
      const parsed = fields.safeParse({
        parentId: single(form.parentId) || undefined,
        kind: single(form.kind) || undefined,
      })
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        const field = String(issue?.path[0] ?? 'kind')
        throw new ApiError(400, 'invalid_input', `${field}: ${issue?.message ?? 'invalid'}`, field)
      }
      const files = given as File[]
      if (files.reduce((sum, file) => sum + file.size, 0) > maxImportBytes) throw tooLarge(maxImportBytes)
      const uploaded: UploadedFile[] = []
      for (const file of files)
        uploaded.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })
      const result = await importer.import({
        workspaceId: c.get('workspaceId'),
        userId: c.get('auth')?.user.id ?? '',
        files: uploaded,
        parentId: parsed.data.parentId ?? null,
        kind: parsed.data.kind,
      })
      return c.json(result, 201)
    },
    getImportSynonyms: async (c) => {
      const workspaceId = c.get('workspaceId')
      // One entry per section of the template as it is now (an owner may have renamed some).
      const [headings, stored] = await Promise.all([
        importer.templateHeadings(workspaceId),
        importSynonyms.get(workspaceId),
      ])
      return c.json({
        sections: Object.fromEntries(headings.map(({ text }) => [text, stored.sections[text] ?? []])),
        properties: stored.properties,
      })
    },
    updateImportSynonyms: async (c) => {
      const patch = await readJson(c, synonymsPatch)
      const workspaceId = c.get('workspaceId')
      const current = await importSynonyms.get(workspaceId)
      const next = { ...current, ...patch }
      return c.json(await importSynonyms.set(workspaceId, c.get('auth')?.user.id ?? '', next))
    },
  }
}
