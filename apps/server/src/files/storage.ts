/**
 * File bytes on disk, content-addressed: a file is stored once under the SHA-256 of its bytes
 * (`DATA_DIR/files/ab/abcdef…`), however many uploads name it. Written to a temporary name and
 * renamed, so a crash never leaves half a file under a real name.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'

export class FileStorage {
  private readonly root: string

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'files')
  }

  static hash(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex')
  }

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha-256: ${sha256}`)
    return path.join(this.root, sha256.slice(0, 2), sha256)
  }

  /** Stores `bytes` (once) and returns their hash. */
  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = FileStorage.hash(bytes)
    const target = this.pathOf(sha256)
    const present = await stat(target).then(
      (s) => s.size === bytes.length,
      () => false,
    )
    if (present) return sha256
    await mkdir(path.dirname(target), { recursive: true })
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`
    await writeFile(temporary, bytes, { flush: true })
    await rename(temporary, target)
    return sha256
  }

  get(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256))
  }
}
