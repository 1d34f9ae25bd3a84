/**
 * The files' API routes with their guards, and their handlers. Uploads have their own body limit
 * (MAX_UPLOAD_BYTES), not the JSON one: server.ts hands isFileUpload and uploadBodyLimit to the app.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { ApiError } from '../errors.ts'
import { inWorkspace, type RouteHandlers, type RouteSpecs, signedIn } from '../http/route-table.ts'
import { type Files, NotAnImage } from './service.ts'

export const FILE_UPLOAD_PATH = '/api/workspaces/:workspaceId/files'

export const FILE_ROUTES = {
  uploadFile: { method: 'POST', path: FILE_UPLOAD_PATH, guard: inWorkspace('file.upload') },
  // Any signed-in caller; the handler answers 404 to whoever is not a member of the file's
  // workspace, so a file id tells outsiders nothing, not even that it exists.
  getFile: { method: 'GET', path: '/api/files/:fileId', guard: signedIn },
} as const satisfies RouteSpecs

export interface FileRouteDeps {
  files: Files
  maxUploadBytes: number
}

/** Multipart framing around the file: headers and boundaries, well under this. */
const MULTIPART_OVERHEAD = 64 * 1024

const tooLarge = (maxBytes: number) =>
  new ApiError(413, 'payload_too_large', `Files are limited to ${maxBytes} bytes`)

/** True for the upload route, which the JSON body limit leaves to uploadBodyLimit. */
export function isFileUpload(c: Context): boolean {
  return c.req.method === 'POST' && /^\/api\/workspaces\/[^/]+\/files\/?$/.test(c.req.path)
}

export function uploadBodyLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes + MULTIPART_OVERHEAD,
    onError: (c) => {
      // The rest of the body is not read: the connection cannot carry another request.
      c.header('Connection', 'close')
      throw tooLarge(maxBytes)
    },
  })
}

export function fileHandlers({
  files,
  maxUploadBytes: maxBytes,
}: FileRouteDeps): RouteHandlers<typeof FILE_ROUTES> {
  return {
    uploadFile: async (c) => {
      if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data'))
        throw new ApiError(
          400,
          'invalid_input',
          'Send the image as multipart/form-data, field "file"',
          'file',
        )
      let file: unknown
      try {
        file = (await c.req.parseBody()).file
      } catch {
        throw new ApiError(400, 'invalid_input', 'The multipart body could not be read', 'file')
      }
      if (!(file instanceof File))
        throw new ApiError(400, 'invalid_input', 'The multipart field "file" must hold a file', 'file')
      if (file.size > maxBytes) throw tooLarge(maxBytes)
      try {
        const stored = await files.upload({
          workspaceId: c.get('workspaceId'),
          userId: c.get('auth')?.user.id ?? '',
          name: file.name,
          bytes: new Uint8Array(await file.arrayBuffer()),
        })
        const { id, url, contentType, size } = stored
        return c.json({ id, url, contentType, size }, 201)
      } catch (error) {
        if (error instanceof NotAnImage) throw new ApiError(415, 'not_an_image', error.message, 'file')
        throw error
      }
    },

    getFile: async (c) => {
      const found = await files.read(c.req.param('fileId') ?? '', c.get('auth')?.user.id ?? '')
      if (!found) throw new ApiError(404, 'file_not_found', 'No such file')
      const { file, bytes } = found
      const etag = `"${file.sha256}"`
      c.header('ETag', etag)
      // A file id always names the same bytes; private: it is served to members only.
      c.header('Cache-Control', 'private, max-age=31536000, immutable')
      c.header('X-Content-Type-Options', 'nosniff')
      // Opened on its own (an SVG in a tab), it still runs nothing and loads nothing.
      c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      c.header('Content-Disposition', 'inline')
      if (c.req.header('if-none-match') === etag) return c.body(null, 304)
      c.header('Content-Type', file.contentType)
      return c.body(new Uint8Array(bytes))
    },
  }
}
