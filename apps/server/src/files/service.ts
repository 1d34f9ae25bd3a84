/**
 * Uploaded files (images in page bodies): checked from their bytes, stored content-addressed,
 * with one row per upload naming its workspace. Served only to members of that workspace.
 */
import type { Kysely } from 'kysely'
import { newId } from '../store/ids.ts'
import type { Database } from '../store/schema.ts'
import { type ImageType, looksLikeSvg, rasterType } from './detect.ts'
import { FileStorage } from './storage.ts'
import { sanitizeSvg } from './svg.ts'

/** The `file` table (store/migrations/0009_files.ts), known to this feature only. */
type FileTable = {
  file: {
    id: string
    workspace_id: string
    sha256: string
    content_type: string
    size: number
    name: string
    created_by: string
    created_at: number
  }
}

export interface StoredFile {
  id: string
  workspaceId: string
  contentType: ImageType
  size: number
  sha256: string
  url: string
}

export class NotAnImage extends Error {}

/** Where a file is served: the `src` of an image node. */
export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`

export class Files {
  private readonly db: Kysely<Database & FileTable>
  private readonly storage: FileStorage

  constructor(
    db: Kysely<Database>,
    dataDir: string,
    /** The caller's role in a workspace, or null: the same check every guarded route makes. */
    private readonly roleOf: (workspaceId: string, userId: string) => Promise<string | null>,
  ) {
    this.db = db.withTables<FileTable>()
    this.storage = new FileStorage(dataDir)
  }

  /** Checks and stores an image; throws NotAnImage for anything else. */
  async upload(input: {
    workspaceId: string
    userId: string
    name: string
    bytes: Uint8Array
  }): Promise<StoredFile> {
    let contentType = rasterType(input.bytes)
    let bytes = input.bytes
    if (!contentType && looksLikeSvg(bytes)) {
      const clean = sanitizeSvg(bytes)
      if (clean) {
        bytes = clean
        contentType = 'image/svg+xml'
      }
    }
    if (!contentType) throw new NotAnImage('Only PNG, JPEG, GIF, WebP and SVG images can be uploaded')
    const sha256 = await this.storage.put(bytes)
    const id = newId()
    await this.db
      .insertInto('file')
      .values({
        id,
        workspace_id: input.workspaceId,
        sha256,
        content_type: contentType,
        size: bytes.length,
        name: input.name.slice(0, 255),
        created_by: input.userId,
        created_at: Date.now(),
      })
      .execute()
    return { id, workspaceId: input.workspaceId, contentType, size: bytes.length, sha256, url: fileUrl(id) }
  }

  /** The file and its bytes for a member of its workspace; null for anyone else, as for no file. */
  async read(fileId: string, userId: string): Promise<{ file: StoredFile; bytes: Buffer } | null> {
    const row = await this.db.selectFrom('file').selectAll().where('id', '=', fileId).executeTakeFirst()
    if (!row || !(await this.roleOf(row.workspace_id, userId))) return null
    const file: StoredFile = {
      id: row.id,
      workspaceId: row.workspace_id,
      contentType: row.content_type as ImageType,
      size: row.size,
      sha256: row.sha256,
      url: fileUrl(row.id),
    }
    return { file, bytes: await this.storage.get(row.sha256) }
  }
}
