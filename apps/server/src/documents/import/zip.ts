/**
 * Reading ZIP archives that come from outside (a .zip of documents, and every .docx, which is a
 * ZIP too) without trusting them: the entries are inflated as a stream, their count and their
 * total inflated size are counted while inflating, and the read stops as soon as a cap is passed.
 * A ZIP bomb (a few kilobytes that inflate to gigabytes) is refused after at most one chunk's
 * worth of output beyond the cap, whatever its headers claim.
 */
import { Unzip, type UnzipFile, UnzipInflate } from 'fflate'

export interface ZipLimits {
  /** Most bytes all entries may inflate to, together. */
  maxUnzippedBytes: number
  /** Most entries (files and folders) an archive may hold. */
  maxEntries: number
}

export class ZipRefused extends Error {
  constructor(
    message: string,
    /** 'bomb': over a cap; 'corrupt': not a ZIP, or a damaged one. */
    readonly reason: 'bomb' | 'corrupt',
  ) {
    super(message)
  }
}

/** Compressed bytes handed to the inflater at a time: deflate inflates at most ~1032× a chunk. */
const CHUNK = 16 * 1024

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

export const looksLikeZip = (bytes: Uint8Array) => ZIP_MAGIC.every((byte, i) => bytes[i] === byte)

/**
 * The archive's files by path (folders are not listed; their paths show in the files'). `keep`
 * says which entries' bytes to keep: the others are still inflated and counted, then dropped.
 */
export function readZip(
  bytes: Uint8Array,
  limits: ZipLimits,
  keep: (name: string) => boolean = () => true,
): Map<string, Uint8Array> {
  if (!looksLikeZip(bytes)) throw new ZipRefused('Not a ZIP archive', 'corrupt')
  const files = new Map<string, Uint8Array>()
  let entries = 0
  let total = 0
  let refused: ZipRefused | null = null
  const refuse = (error: ZipRefused, file?: UnzipFile) => {
    refused ??= error
    file?.terminate()
  }
  const unzip = new Unzip((file) => {
    if (refused) return
    entries++
    if (entries > limits.maxEntries) {
      refuse(new ZipRefused(`The archive holds more than ${limits.maxEntries} entries`, 'bomb'))
      return
    }
    if (file.compression !== 0 && file.compression !== 8) {
      refuse(new ZipRefused(`Entry ${file.name} uses an unsupported compression method`, 'corrupt'))
      return
    }
    const chunks: Uint8Array[] = []
    const kept = !file.name.endsWith('/') && keep(file.name)
    file.ondata = (error, data, final) => {
      if (refused) return
      if (error) {
        refuse(new ZipRefused(`Entry ${file.name} is damaged`, 'corrupt'), file)
        return
      }
      total += data.length
      if (total > limits.maxUnzippedBytes) {
        refuse(
          new ZipRefused(`The archive inflates to more than ${limits.maxUnzippedBytes} bytes`, 'bomb'),
          file,
        )
        return
      }
      if (kept) chunks.push(data)
      if (final && kept) files.set(file.name, concat(chunks))
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  try {
    for (let offset = 0; offset < bytes.length && !refused; offset += CHUNK)
      unzip.push(bytes.subarray(offset, offset + CHUNK), offset + CHUNK >= bytes.length)
  } catch (error) {
    if (!refused)
      throw new ZipRefused(`The archive could not be read: ${(error as Error).message}`, 'corrupt')
  }
  if (refused) throw refused
  if (entries === 0) throw new ZipRefused('The archive holds no entry', 'corrupt')
  return files
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}
