/**
 * Downloads an export: the answer is read as it streams (so progress can be told), kept as a
 * Blob, and saved under the name the server gave (RFC 5987 `filename*` first).
 */
import { ApiError } from '../../api/client.ts'

export interface Progress {
  /** Bytes received so far. */
  bytes: number
}

/** The file name of a Content-Disposition header, the UTF-8 one when there is one. */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const utf8 = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition)?.[1]
  if (utf8) {
    try {
      return decodeURIComponent(utf8)
    } catch {}
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback
}

export async function downloadExport(
  path: string,
  fallbackName: string,
  onProgress: (progress: Progress) => void,
): Promise<string> {
  let response: Response
  try {
    response = await fetch(path, { credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached')
  }
  if (!response.ok) {
    const payload = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string }
    } | null
    throw new ApiError(response.status, payload?.error?.code ?? 'http_error', payload?.error?.message ?? '')
  }
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let bytes = 0
  const reader = response.body?.getReader()
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      bytes += value.length
      onProgress({ bytes })
    }
  }
  const name = filenameOf(response.headers.get('content-disposition'), fallbackName)
  const blob = new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}
