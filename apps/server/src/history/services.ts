/** The history feature's services, built once per process by server.ts. */
import type { PageAuthorship, PageComparison, PageVersion } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import { ApiError } from '../errors.ts'
import type { Logger } from '../ops/logger.ts'
import { PageScheduler } from '../ops/page-scheduler.ts'
import type { PageProperties, Pages } from '../pages/index.ts'
import type { DocStore } from '../store/doc-store.ts'
import type { Database } from '../store/schema.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import { AuthorIndex } from './author-index.ts'
import { pageAuthorship } from './authorship.ts'
import { compareDocs } from './compare.ts'
import { peopleById } from './people.ts'
import { restoreUpdate, SectionNotFound } from './restore-diff.ts'
import type { ThinningPolicy } from './thinning.ts'
import { Versions, withDoc } from './versions.ts'

export interface HistoryServices {
  versions: Versions
  /** Automatic captures (after idleMs, at least every maxMs); server.ts tells it of edits and of pages everyone left. */
  capture: PageScheduler
  /** Resolves to the `restore` version, and the title given back to the page (null if unchanged). */
  restore(
    pageId: string,
    versionId: string,
    userId: string,
    section?: string,
  ): Promise<{ version: PageVersion; title: string | null }>
  /** `from` and `to` are version ids; `to` null compares with the page as it is now. */
  compare(pageId: string, from: string, to: string | null): Promise<PageComparison>
  authorship(pageId: string): Promise<PageAuthorship>
}

export function createHistory(deps: {
  db: Kysely<Database>
  store: DocStore
  docs: PageDocs
  pages: Pages
  properties: PageProperties
  logger: Logger
  idleMs: number
  maxMs: number
  thinning: ThinningPolicy
}): HistoryServices {
  const { db, store, docs, pages, properties } = deps
  const versions = new Versions(db, docs, pages, properties, deps.thinning)
  const capture = new PageScheduler((pageId) => versions.capture(pageId, 'auto'), deps.logger, {
    quietMs: deps.idleMs,
    maxWaitMs: deps.maxMs,
    what: 'version capture',
  })
  const currentDoc = async (pageId: string) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, await docs.read(pageId, (live) => Y.encodeStateAsUpdate(live)))
    return doc
  }

  return {
    versions,
    capture,

    async restore(pageId, versionId, userId, section) {
      const version = await versions.find(pageId, versionId)
      // One state is both what pre-restore keeps and what the restore undoes: whatever reaches the
      // server after it is merged with the restore, never undone by it.
      const state = await docs.read(pageId, (live) => Y.encodeStateAsUpdate(live))
      await versions.capture(pageId, 'pre-restore', { createdBy: userId, state })
      const target = version.doc()
      let update: Uint8Array | null
      try {
        update = withDoc(state, (current) => restoreUpdate(current, target, section))
      } catch (error) {
        if (error instanceof SectionNotFound)
          throw new ApiError(404, 'section_not_found', error.message, 'section')
        throw error
      } finally {
        target.destroy()
      }
      // Through the sync path: stored, then applied and broadcast to everyone online.
      if (update) await docs.write(pageId, update, { userId, via: `restore:${versionId}` })
      let title: string | null = null
      if (section === undefined) {
        const page = await pages.get(pageId)
        if (page && page.title !== version.row.title) {
          await pages.rename(pageId, version.row.title)
          title = version.row.title
        }
        if (version.row.properties) await properties.patch(pageId, JSON.parse(version.row.properties))
      }
      // Listed as "Restauration", not under the restored version's name.
      const restored = await versions.capture(pageId, 'restore', { createdBy: userId })
      return { version: restored as PageVersion, title }
    },

    async compare(pageId, from, to) {
      const older = await versions.find(pageId, from)
      const newer = to ? await versions.find(pageId, to) : null
      const [a, b] = newer && newer.row.created_at < older.row.created_at ? [newer, older] : [older, newer]
      const olderDoc = a.doc()
      const newerDoc = b ? b.doc() : await currentDoc(pageId)
      try {
        const [rows, owners, page] = await Promise.all([
          store.authorship(pageId),
          store.clientOwners(pageId),
          pages.get(pageId),
        ])
        const people = await peopleById(db, [...rows.map((r) => r.userId), ...owners.values()])
        const result = compareDocs({
          older: olderDoc,
          newer: newerDoc,
          inserts: new AuthorIndex(
            rows.filter((r) => r.kind === 'insert'),
            owners,
          ),
          deletes: new AuthorIndex(rows.filter((r) => r.kind === 'delete')),
          people,
        })
        const toTitle = b ? b.row.title : (page?.title ?? '')
        const toProperties = b
          ? b.row.properties
          : page?.kind === 'case'
            ? JSON.stringify(await properties.get(pageId))
            : null
        return {
          from: await versions.view(a.row),
          to: b ? await versions.view(b.row) : null,
          ...result,
          title: a.row.title === toTitle ? null : { from: a.row.title, to: toTitle },
          properties: propertyChanges(a.row.properties, toProperties),
        }
      } finally {
        olderDoc.destroy()
        newerDoc.destroy()
      }
    },

    authorship: (pageId) => pageAuthorship(db, store, docs, pageId),
  }
}

function propertyChanges(from: string | null, to: string | null): PageComparison['properties'] {
  const a = (from ? JSON.parse(from) : {}) as Record<string, unknown>
  const b = (to ? JSON.parse(to) : {}) as Record<string, unknown>
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((name) => JSON.stringify(a[name] ?? null) !== JSON.stringify(b[name] ?? null))
    .map((name) => ({ name, from: a[name] ?? null, to: b[name] ?? null }))
}
