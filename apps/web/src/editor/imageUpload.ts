/**
 * Images go to the server before they enter a page: the image node's `src` is the URL the upload
 * answered, so the Y.Doc holds a short link, never the bytes, and only members can load it.
 */
import type { Editor } from '@tiptap/core'
import { ApiError, api } from '../api/client.ts'

export interface UploadedFile {
  id: string
  url: string
  contentType: string
  size: number
}

/** The server's default MAX_UPLOAD_BYTES; a larger file is refused here with a clear message. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024
export const IMAGE_ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,image/svg+xml'

export function uploadImage(workspaceId: string, file: Blob, name = 'image'): Promise<UploadedFile> {
  if (file.size > MAX_IMAGE_BYTES) return Promise.reject(new ApiError(413, 'payload_too_large', 'too large'))
  const form = new FormData()
  form.set('file', file, name)
  return api.postForm<UploadedFile>(`/api/workspaces/${encodeURIComponent(workspaceId)}/files`, form)
}

/** The file name without its extension, as a first alt text the author can then improve. */
export function altFromName(name: string): string {
  return name
    .replace(/\.[a-z0-9]{2,5}$/i, '')
    .replace(/[-_]+/g, ' ')
    .trim()
}

/** Uploads `files` one by one and inserts each as an image at `pos` (or at the cursor). */
export async function insertImages(
  editor: Editor,
  workspaceId: string,
  files: File[],
  onError: (error: unknown) => void,
  pos?: number,
): Promise<void> {
  let at = pos
  for (const file of files) {
    try {
      const uploaded = await uploadImage(workspaceId, file, file.name)
      if (editor.isDestroyed) return
      const content = { type: 'image', attrs: { src: uploaded.url, alt: altFromName(file.name) } }
      if (at === undefined) editor.chain().focus().insertContent(content).run()
      else {
        editor.chain().focus().insertContentAt(at, content).run()
        at = editor.state.selection.to
      }
    } catch (error) {
      onError(error)
    }
  }
}

export const isImageFile = (file: File) => file.type.startsWith('image/')
