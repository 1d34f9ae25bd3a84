/** The typology's services, built once per process in server.ts and handed to its routes. */
import type { Kysely } from 'kysely'
import type { WorkspaceEvents } from '../domain/workspace-events.ts'
import type { Logger } from '../ops/logger.ts'
import type { Database } from '../store/schema.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import { CaseCoding } from './case-coding.ts'
import { Codebook } from './codebook.ts'
import { PassageDeriver } from './deriver.ts'
import { Passages } from './passages.ts'
import { TypologyViews } from './views.ts'

export interface Typology {
  db: Kysely<Database>
  codebook: Codebook
  caseCoding: CaseCoding
  passages: Passages
  deriver: PassageDeriver
  views: TypologyViews
  bodies: PageDocs
}

/**
 * Builds the services. `bodies` reads a page's current document (the live one when loaded);
 * server.ts calls `deriver.schedule(pageId)` from the sync server's `onDocUpdated` hook.
 */
export function createTypology(
  db: Kysely<Database>,
  bodies: PageDocs,
  workspaceEvents: WorkspaceEvents,
  logger: Logger,
): Typology {
  const deriver = new PassageDeriver(db, bodies, logger, (workspaceId, pageId) =>
    workspaceEvents.publish(workspaceId, { type: 'coding.derived', pageId }),
  )
  return {
    db,
    codebook: new Codebook(db),
    caseCoding: new CaseCoding(db),
    passages: new Passages(db, bodies),
    deriver,
    views: new TypologyViews(db, deriver),
    bodies,
  }
}
