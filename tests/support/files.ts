/** Images for upload tests, and the route × role rows of the files' routes. */
import type { Api } from './api.ts'

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

export function imageForm(bytes: Uint8Array, name = 'schema.png', type = 'image/png'): FormData {
  const form = new FormData()
  form.set('file', new Blob([new Uint8Array(bytes)], { type }), name)
  return form
}

export async function uploadImage(api: Api, workspaceId: string, bytes: Uint8Array = PNG, name?: string) {
  return api.request('POST', `/api/workspaces/${workspaceId}/files`, imageForm(bytes, name))
}

interface MatrixContext {
  owner: Api
  workspaceId: string
}

export const FILE_FIXTURES = {
  uploadFile: { body: () => imageForm(PNG) },
  getFile: {
    prepare: async (ctx: MatrixContext) => {
      const res = await uploadImage(ctx.owner, ctx.workspaceId)
      if (res.status !== 201) throw new Error(`upload failed: ${res.status}`)
      return { fileId: res.body.id }
    },
  },
}
