/**
 * Versions of a page, captured by the server from its current document: the Yjs state
 * (deflated), the title and case properties at that time, and who contributed since the
 * previous version (from the authorship ranges, not from the last editor).
 */
import { createHash } from 'node:crypto'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { PageVersion, VersionKind } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import { SYSTEM_USER_ID } from '../accounts/index.ts'
import { BODY_FRAGMENT } from '../derive/page-content.ts'
import { ApiError } from '../errors.ts'
import type { PageProperties, Pages } from '../pages/index.ts'
import { newId } from '../store/ids.ts'
import type { Database, PageVersionTable } from '../store/schema.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import { peopleById } from './people.ts'
import { type ThinningPolicy, versionsToThin } from './thinning.ts'

export interface StoredVersion {
  row: PageVersionTable
  /** The document as it was (a throwaway Y.Doc: destroy it after use). */
  doc(): Y.Doc
}

export class Versions {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly docs: PageDocs,
    private readonly pages: Pages,
    private readonly properties: PageProperties,
    private readonly thinning: ThinningPolicy,
  ) {}

  /** The page's versions, newest first. */
  async list(pageId: string): Promise<PageVersion[]> {
    const rows = await this.db
      .selectFrom('page_version')
      .select(['id', 'page_id', 'kind', 'name', 'created_at', 'created_by', 'contributors'])
      .where('page_id', '=', pageId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute()
    return this.views(rows)
  }

  async find(pageId: string, versionId: string): Promise<StoredVersion> {
    const row = await this.db
      .selectFrom('page_version')
      .selectAll()
      .where('page_id', '=', pageId)
      .where('id', '=', versionId)
      .executeTakeFirst()
    if (!row) throw new ApiError(404, 'version_not_found', 'No such version of this page')
    return {
      row,
      doc: () => {
        const doc = new Y.Doc()
        Y.applyUpdate(doc, inflateRawSync(row.state))
        return doc
      },
    }
  }

  async view(
    row: Pick<PageVersionTable, 'id' | 'kind' | 'name' | 'created_at' | 'created_by' | 'contributors'>,
  ) {
    const [view] = await this.views([row])
    return view as PageVersion
  }

  /**
   * Captures the page as it is now. An automatic or pre-restore version equal to the previous one
   * is not stored (null); a named one equal to an automatic previous one names that one instead.
   */
  async capture(
    pageId: string,
    kind: VersionKind,
    options: {
      name?: string | null
      createdBy?: string | null
      /** The document state to capture, when the caller read it already (a restore's base). */
      state?: Uint8Array
    } = {},
  ): Promise<PageVersion | null> {
    const page = await this.pages.get(pageId)
    if (!page) return null
    const read = (doc: Y.Doc) => ({
      state: options.state ?? Y.encodeStateAsUpdate(doc),
      body: doc.getXmlFragment(BODY_FRAGMENT).toString(),
    })
    const { state, body } = options.state ? withDoc(options.state, read) : await this.docs.read(pageId, read)
    const properties = page.kind === 'case' ? await this.properties.get(pageId) : null
    const propertiesJson = properties ? JSON.stringify(properties) : null
    const fingerprint = createHash('sha256')
      .update(`${body}\u0000${page.title}\u0000${propertiesJson ?? ''}`)
      .digest('base64url')
    const previous = await this.db
      .selectFrom('page_version')
      .select(['id', 'kind', 'created_at', 'fingerprint'])
      .where('page_id', '=', pageId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst()
    const unchanged = previous?.fingerprint === fingerprint
    if (unchanged && (kind === 'auto' || kind === 'pre-restore')) return null
    if (unchanged && kind === 'named' && previous?.kind === 'auto') {
      await this.db
        .updateTable('page_version')
        .set({ kind: 'named', name: options.name ?? null, created_by: options.createdBy ?? null })
        .where('id', '=', previous.id)
        .execute()
      return this.view(
        await this.db
          .selectFrom('page_version')
          .selectAll()
          .where('id', '=', previous.id)
          .executeTakeFirstOrThrow(),
      )
    }
    const now = Math.max(Date.now(), (previous?.created_at ?? 0) + 1)
    const contributors = await this.contributorsSince(pageId, previous?.created_at ?? null, now)
    const row: PageVersionTable = {
      id: newId(),
      page_id: pageId,
      kind,
      name: options.name ?? null,
      created_at: now,
      created_by: options.createdBy ?? null,
      contributors: JSON.stringify(contributors),
      title: page.title,
      properties: propertiesJson,
      fingerprint,
      state: deflateRawSync(state),
    }
    await this.db.insertInto('page_version').values(row).execute()
    if (kind === 'auto' || kind === 'pre-restore') await this.thin(pageId, now)
    return this.view(row)
  }

  /**
   * Users whose edits of the page were stored after `since` (all, when null), up to `until`: in
   * doc_authorship, and on the log rows compaction has not folded there yet (store/authorship-rows.ts).
   */
  private async contributorsSince(pageId: string, since: number | null, until: number): Promise<string[]> {
    let folded = this.db
      .selectFrom('doc_authorship')
      .select('user_id')
      .where('doc_name', '=', pageId)
      .where('user_id', '!=', SYSTEM_USER_ID)
      .where('at', '<=', until)
    let pending = this.db
      .selectFrom('doc_update')
      .select('author_id as user_id')
      .where('doc_name', '=', pageId)
      .where('author_id', 'is not', null)
      .where('author_id', '!=', SYSTEM_USER_ID)
      .where('created_at', '<=', until)
      .$narrowType<{ user_id: string }>()
    if (since !== null) {
      folded = folded.where('at', '>', since)
      pending = pending.where('created_at', '>', since)
    }
    const rows = await folded.union(pending).execute()
    return rows.map((row) => row.user_id).sort()
  }

  private async thin(pageId: string, now: number): Promise<void> {
    const rows = await this.db
      .selectFrom('page_version')
      .select(['id', 'kind', 'created_at'])
      .where('page_id', '=', pageId)
      .execute()
    const drop = versionsToThin(
      rows.map((r) => ({ id: r.id, kind: r.kind, createdAt: r.created_at })),
      this.thinning,
      now,
    )
    if (drop.length > 0) await this.db.deleteFrom('page_version').where('id', 'in', drop).execute()
  }

  private async views(
    rows: Pick<PageVersionTable, 'id' | 'kind' | 'name' | 'created_at' | 'created_by' | 'contributors'>[],
  ): Promise<PageVersion[]> {
    const contributorIds = rows.map((r) => JSON.parse(r.contributors) as string[])
    const people = await peopleById(this.db, [
      ...rows.flatMap((r) => (r.created_by ? [r.created_by] : [])),
      ...contributorIds.flat(),
    ])
    return rows.map((r, i) => ({
      id: r.id,
      kind: r.kind as VersionKind,
      name: r.name,
      createdAt: Number(r.created_at),
      createdBy: (r.created_by && people.get(r.created_by)) || null,
      contributors: (contributorIds[i] ?? []).flatMap((id) => people.get(id) ?? []),
    }))
  }
}

/** Runs `read` on a throwaway document holding `state`. */
export function withDoc<T>(state: Uint8Array, read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    return read(doc)
  } finally {
    doc.destroy()
  }
}
